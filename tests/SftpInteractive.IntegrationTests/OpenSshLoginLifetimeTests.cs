using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>An OpenSSH master that waits on a prompt when its session is closed or its connect is cancelled: the
/// <c>ssh</c>, its askpass helper and its private directory go at once, and the prompt on our side is called off.
/// Alone, and each test looks only at the masters that started after it looked first (a master of another test's
/// session, still closing, is not its own).</summary>
[Collection(nameof(RunsAlone))]
public sealed class OpenSshLoginLifetimeTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSsh_ConnectCancelledAtThePasswordPrompt_SshAskpassAndDirectoryGoThePromptIsCalledOff()
    {
        var server = TestServer.Require("password");
        var prompted = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Masters();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var connecting = server.ConnectAsync("password", o =>
        {
            o.Transport = SftpTransport.OpenSsh;
            o.Environment = new Dictionary<string, string> { ["SFTP_PASSWORD"] = "" };
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("password"), "SFTP_PASSWORD");
            o.Prompt = (_, token) => WaitForEverAsync(prompted, token);
        }, cts.Token);

        var promptToken = await prompted.Task.WaitAsync(Prompt, Ct);
        var (directory, pids) = WaitingLogin(before);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting.WaitAsync(Promptly, Ct));
        Assert.True(promptToken.IsCancellationRequested);
        Assert.True(await Poll.UntilAsync(() => !pids.Any(IsAlive) && !Directory.Exists(directory), Promptly, Ct),
            $"left behind: {string.Join(", ", pids.Where(IsAlive))} {(Directory.Exists(directory) ? directory : "")}");
    }

    [Fact]
    public async Task OpenSsh_SessionClosedWhileItsNewLoginWaitsForTheCode_SshAskpassAndDirectoryGoThePromptIsCalledOff()
    {
        var server = TestServer.Require("totp");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        var codes = 0;
        var second = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Masters();
        var s = await server.ConnectAsync("totp", o =>
        {
            o.Transport = SftpTransport.OpenSsh;
            o.Environment = new Dictionary<string, string> { ["SFTP_TOTP_SECRET"] = "" };
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("totp"), "SFTP_TOTP_SECRET", "SFTP_PASSWORD");
            o.Prompt = (prompt, token) => prompt.Request.StartsWith("Password", StringComparison.Ordinal)
                ? ValueTask.FromResult<string?>(server.EnvValue("totp", "SFTP_PASSWORD"))
                : Interlocked.Increment(ref codes) == 1 ? ValueTask.FromResult<string?>(Totp.Compute(secret, DateTimeOffset.UtcNow))
                : WaitForEverAsync(second, token);
        }, Ct);
        Task<ExecResult>? running = null;
        try
        {
            // The connection dies (its master is killed): the next command logs in again and is asked a new code.
            var (_, first) = WaitingLogin(before);
            before = Masters();
            foreach (var pid in first)
            {
                KillIfAlive(pid);
            }

            Assert.True(await Poll.UntilAsync(() => !first.Any(IsAlive), Promptly, Ct));
            running = s.RunAsync("echo never", Ct);
            var promptToken = await second.Task.WaitAsync(Prompt, Ct);
            var (directory, pids) = WaitingLogin(before);

            await s.DisposeAsync();

            // The command fails at once: its login was the session's, and the session is closed.
            var e = await Record.ExceptionAsync(() => running.WaitAsync(Promptly, Ct));
            Assert.True(e is ObjectDisposedException, $"{e?.GetType().Name}: {e?.Message}");
            Assert.True(promptToken.IsCancellationRequested);
            Assert.True(await Poll.UntilAsync(() => !pids.Any(IsAlive) && !Directory.Exists(directory), Promptly, Ct),
                $"left behind: {string.Join(", ", pids.Where(IsAlive))} {(Directory.Exists(directory) ? directory : "")}");
        }
        finally
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Askpass_TheProcessThatStartedSshEndsWhileItsAnswerIsAwaited_TheHelperStopsWaiting()
    {
        // The helper's owner stands in for this process (which cannot end inside a test): when it ends, the helper
        // stops waiting, so an ssh whose session's process was killed at a prompt does not wait for ever.
        var directory = Directory.CreateTempSubdirectory("sftpi-ssh-");
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var answered = new ManualResetEventSlim();
        var askpass = OpenSshAskpass.Create(directory.FullName, _ =>
        {
            asked.TrySetResult();
            answered.Wait(TimeSpan.FromSeconds(60));
            return "too late";
        });
        using var owner = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", ["60"]) { UseShellExecute = false })!;
        var start = new System.Diagnostics.ProcessStartInfo(askpass.ScriptPath, ["Password: "]) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment[OpenSshAskpass.OwnerVariable] = owner.Id.ToString(CultureInfo.InvariantCulture);
        using var helper = System.Diagnostics.Process.Start(start)!;
        try
        {
            var output = helper.StandardOutput.ReadToEndAsync(Ct);
            await asked.Task.WaitAsync(Prompt, Ct);

            owner.Kill();
            await owner.WaitForExitAsync(Ct);

            await helper.WaitForExitAsync(Ct).WaitAsync(Promptly, Ct);
            Assert.NotEqual(0, helper.ExitCode);
            Assert.Equal("", await output);
        }
        finally
        {
            if (!helper.HasExited)
            {
                helper.Kill(entireProcessTree: true);
            }

            answered.Set();
            askpass.Dispose();
            directory.Delete(recursive: true);
        }
    }

    private static async ValueTask<string?> WaitForEverAsync(TaskCompletionSource<CancellationToken> prompted, CancellationToken token)
    {
        prompted.TrySetResult(token);
        await Task.Delay(Timeout.Infinite, token);
        return null;
    }

    // The one ssh master of this process that was not there <paramref name="before"/>, its private directory, and every
    // process that names that directory: the master, the askpass helper it runs, the session's channels.
    private static (string Directory, int[] Pids) WaitingLogin(HashSet<int> before)
    {
        var master = Assert.Single(Processes(), p => IsMaster(p) && !before.Contains(p.Pid));
        var directory = Path.GetDirectoryName(master.Command[Array.IndexOf(master.Command, "-S") + 1])!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "sftpi-ssh-"), directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return (directory, [.. Processes().Where(p => p.Command.Any(a => a.Contains(directory, StringComparison.Ordinal))).Select(p => p.Pid)]);
    }

    private static HashSet<int> Masters() => [.. Processes().Where(IsMaster).Select(p => p.Pid)];

    private static bool IsMaster((int Pid, int Parent, string[] Command) p) =>
        p.Parent == Environment.ProcessId && IsAlive(p.Pid) && p.Command.Contains("-M") && p.Command[0].EndsWith("ssh", StringComparison.Ordinal);

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    // Alive: the process exists and is not a zombie waiting to be reaped.
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static List<(int Pid, int Parent, string[] Command)> Processes()
    {
        var found = new List<(int, int, string[])>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (command.Length > 0)
                {
                    found.Add((pid, parent, command));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }
}
