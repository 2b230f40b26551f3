using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SftpInteractive.Repl.Tests;

/// <summary>Warm starts (docs/warm-start.md) through real terminals: a first, cold session leaves a spare; the next
/// start is served by it and behaves as a cold one. Each test has its own spare directory and kills whatever it
/// started; the methods of this class run one after another (one tool identity).</summary>
public sealed class WarmStartTests : IDisposable
{
    private static readonly TimeSpan SpareTimeout = TimeSpan.FromMinutes(3);
    private readonly string _directory = Path.Combine("/tmp", "sftpi-warm-" + Guid.NewGuid().ToString("N")[..8]);

    public WarmStartTests()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("warm starts are for Linux terminals");
        }

        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Log => File.Exists(Path.Combine(_directory, "warm.log")) ? File.ReadAllText(Path.Combine(_directory, "warm.log")) : string.Empty;

    [Fact]
    public void SecondStart_IsServedByTheSpare_WithTheLaunchersDirectoryEnvironmentSignalsAndExitCode()
    {
        var spare = StartFirstSessionAndWaitForItsSpare();
        var cwd = Directory.CreateDirectory(Path.Combine(_directory, "here")).FullName;
        using var tmux = Start(cwd, ("SFTPI_TEST_GREETING", "hello-from-the-launcher"));
        tmux.WaitForPrompt();
        Assert.Contains($"pid {spare} ", Log.Split('\n').Single(l => l.Contains("serves process", StringComparison.Ordinal)), StringComparison.Ordinal);

        tmux.Type("Environment.CurrentDirectory + \"|\" + Environment.GetEnvironmentVariable(\"SFTPI_TEST_GREETING\") + \"|\" + Environment.ProcessId");
        tmux.Press("Enter");
        tmux.WaitForText($"{cwd}|hello-from-the-launcher|{spare}");
        tmux.WaitForPrompt();
        tmux.Type("6*7");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "42"), "42");
        tmux.WaitForPrompt();

        // SIGWINCH too: the session sees the new width.
        tmux.Resize(70, 30);
        tmux.Type("Console.WindowWidth");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "70"), "the width after the resize");
        tmux.WaitForPrompt();

        // Ctrl+C reaches the launcher (the terminal's foreground process), which forwards it to the spare.
        tmux.Type("Console.WriteLine(\"spinning\"); while (true) { Thread.Sleep(50); }");
        tmux.Press("Enter");
        tmux.WaitForText("\nspinning");
        tmux.Press("C-c");
        tmux.WaitForText("cancelled");
        tmux.WaitForPrompt();
        tmux.Type("1+1");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "2"), "the session going on after Ctrl+C");
        tmux.WaitForPrompt();

        // Environment.Exit in a submission while the cancelled one still runs: the launcher exits with its code, and
        // the terminal's modes are as before.
        tmux.Type("Environment.Exit(3)");
        tmux.Press("Enter");
        tmux.WaitForText("sftpi-exit=3");
        AssertModesRestored(cwd);
    }

    [Fact]
    public void ServedSession_LeftWithCtrlD_AfterCtrlCLeftASubmissionRunning_EndsLikeAColdOne()
    {
        StartFirstSessionAndWaitForItsSpare();
        var cwd = Directory.CreateDirectory(Path.Combine(_directory, "served")).FullName;
        using var tmux = Start(cwd, ("SFTPI_WARM_IDLE", "300"));
        tmux.WaitForPrompt();
        Assert.Contains("serves process", Log, StringComparison.Ordinal);
        LeaveWithCtrlDAfterARunawaySubmission(tmux);
        AssertModesRestored(cwd);
    }

    [Fact]
    public void Spare_ServesOneClientOnly_AndEndsWhenThatClientGoesAway()
    {
        var spare = StartFirstSessionAndWaitForItsSpare();
        var socketPath = Directory.EnumerateFiles(_directory, "*.sock").Single();
        using var first = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        first.Connect(new UnixDomainSocketEndPoint(socketPath));
        WaitUntil(() => !File.Exists(socketPath), "the spare removing its socket once it accepted a client");

        using var second = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Assert.ThrowsAny<SocketException>(() => second.Connect(new UnixDomainSocketEndPoint(socketPath)));

        first.Close(); // no handoff: the spare ends
        WaitUntil(() => !IsAlive(spare), "the spare ending after its client left without a handoff");
        Assert.Contains("handoff from process", Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Spare_EndsWhenIdle_AndAStartAfterItIsCold()
    {
        var spare = StartFirstSessionAndWaitForItsSpare(("SFTPI_WARM_IDLE", "2"));
        WaitUntil(() => !IsAlive(spare), "the spare ending after 2 s idle");
        Assert.Contains("ends: idle for 2 s", Log, StringComparison.Ordinal);

        using var tmux = Start(_directory, ("SFTPI_WARM_IDLE", "2"));
        tmux.WaitForPrompt();
        Assert.DoesNotContain("serves process", Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Spare_OfAReplacedTool_IsNotUsedAndEnds()
    {
        var spare = StartFirstSessionAndWaitForItsSpare();
        var assembly = Path.ChangeExtension(Tool.Executable, ".dll");
        var built = File.GetLastWriteTimeUtc(assembly);
        try
        {
            File.SetLastWriteTimeUtc(assembly, built.AddHours(1)); // an upgrade, as far as the tool's identity goes
            using var tmux = Start(_directory, ("SFTPI_WARM_IDLE", "600"));
            tmux.WaitForPrompt();
            Assert.DoesNotContain("serves process", Log, StringComparison.Ordinal);
            WaitUntil(() => !IsAlive(spare), "the old spare ending once the tool was replaced");
            Assert.Contains("ends: the tool was replaced", Log, StringComparison.Ordinal);
        }
        finally
        {
            File.SetLastWriteTimeUtc(assembly, built);
        }
    }

    [Fact]
    public void NoWarm_NeitherUsesNorLeavesASpare_AndEndsAfterCtrlCLeftASubmissionRunning()
    {
        using var tmux = Start(_directory, ("SFTPI_WARM_IDLE", "600"), arguments: "--no-warm --no-connect");
        tmux.WaitForPrompt();
        tmux.Type("6*7");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "42"), "42");
        tmux.WaitForPrompt();
        LeaveWithCtrlDAfterARunawaySubmission(tmux); // the cold session a served one is compared with
        AssertModesRestored(_directory);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.pid"));
        Assert.Equal(string.Empty, Log);
    }

    public void Dispose()
    {
        // Every process started with this directory, spares and served sessions alike, then the directory.
        foreach (var pid in ProcessesOfThisTest())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A cold session that leaves a spare once warm; returns the spare's pid as seen waiting on its socket
    /// (taken then: with a short idle limit the spare may have ended by the time the first session has exited).</summary>
    private int StartFirstSessionAndWaitForItsSpare(params (string Key, string Value)[] environment)
    {
        int? spare = null;
        using (var first = Start(_directory, environment))
        {
            first.WaitForPrompt();
            first.Type("6*7");
            first.Press("Enter");
            first.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "42"), "42");
            WaitUntil(() => (spare = SparePid()) is not null, "a spare waiting on its socket", SpareTimeout);
            first.Press("C-d");
            first.WaitForText("sftpi-exit=0");
        }

        Assert.DoesNotContain("serves process", Log, StringComparison.Ordinal); // the first start was cold
        return spare!.Value;
    }

    /// <summary>Ctrl+C on a submission that ignores it (it keeps running in the background), then Ctrl+D: the
    /// session ends with exit code 0.</summary>
    private static void LeaveWithCtrlDAfterARunawaySubmission(TmuxSession tmux)
    {
        tmux.Type("Console.WriteLine(\"spinning\"); while (true) { Thread.Sleep(50); }");
        tmux.Press("Enter");
        tmux.WaitForText("\nspinning");
        tmux.Press("C-c");
        tmux.WaitForText("keeps running in the background");
        tmux.WaitForPrompt();
        tmux.Press("C-d");
        tmux.WaitForText("sftpi-exit=0");
    }

    private static void AssertModesRestored(string cwd)
    {
        var after = Path.Combine(cwd, "stty.after");
        WaitUntil(() => ReadOrEmpty(after).Length > 0, "stty -g after sftpi ended");
        Assert.Equal(File.ReadAllText(Path.Combine(cwd, "stty.before")), File.ReadAllText(after));
    }

    private TmuxSession Start(string cwd, (string Key, string Value) variable, string arguments = "--no-connect") => Start(cwd, [variable], arguments);

    private TmuxSession Start(string cwd, (string Key, string Value)[] variables, string arguments = "--no-connect")
    {
        var environment = new Dictionary<string, string>
        {
            ["SFTPI_WARM"] = "1",
            ["SFTPI_WARM_DIR"] = _directory,
            ["SFTPI_WARM_IDLE"] = "300", // a spare a failed test leaves ends by itself
            ["SFTPI_HISTORY"] = Path.Combine(_directory, "history"),
        };
        foreach (var (key, value) in variables)
        {
            environment[key] = value;
        }

        // The shell stays after sftpi ends, so its exit code and the terminal's modes can be read. It has no job
        // control, so it shares sftpi's process group and a Ctrl+C reaches it too; dash (sh) then kills itself with
        // SIGINT as soon as sftpi has ended (cold or served alike) and never prints the exit code. An interactive
        // shell runs sftpi in a process group of its own and gets no Ctrl+C: the trap makes this one go on the same
        // way (sftpi itself starts with SIGINT's default action, as a trapped signal is reset on exec).
        return TmuxSession.Start($"sh -c 'trap : INT; cd {cwd} && stty -g > stty.before; {Tool.Executable} {arguments}; echo sftpi-exit=$?; stty -g > stty.after; exec cat'", environment);
    }

    private int? SparePid()
    {
        var pidFile = Directory.EnumerateFiles(_directory, "*.pid").FirstOrDefault();
        return pidFile is not null && int.TryParse(ReadOrEmpty(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid) ? pid : null;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/cmdline") && !ReadOrEmpty($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private IEnumerable<int> ProcessesOfThisTest()
    {
        var marker = $"SFTPI_WARM_DIR={_directory}\0";
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId
                && ReadOrEmpty(Path.Combine(entry, "environ")).Contains(marker, StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private static void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for {what}");
            }

            Thread.Sleep(100);
        }
    }
}
