using System.Diagnostics;
using System.Globalization;

namespace SftpInteractive.Tests.Transport;

/// <summary>Ending an ssh master ends what it started (an askpass helper, a jump host's ssh) and, when it started
/// nothing, costs one signal instead of a walk over every process.</summary>
public sealed class ProcessTreeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_AProcessWithoutChildren_Ends()
    {
        using var process = Start("exec sleep 30");

        Assert.Empty(ProcessTree.Children(process.Id) ?? []);
        ProcessTree.Kill(process);

        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Kill_AProcessWithAChild_EndsBoth()
    {
        using var process = Start("sleep 30 & echo $!; wait");
        var child = int.Parse((await process.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct))!, CultureInfo.InvariantCulture);

        Assert.Contains(child, ProcessTree.Children(process.Id) ?? [child]);
        ProcessTree.Kill(process);

        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        // The child holds the shell's standard output too: the pipe ends only when both are gone. A process closes its
        // files before it becomes a zombie, so the pipe can end a moment before /proc says so (seen on a loaded machine).
        await process.StandardOutput.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        for (var i = 0; i < 500 && IsRunning(child); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.False(IsRunning(child), $"the child {child} still runs after its parent was killed");
    }

    [Fact]
    public void Kill_AProcessThatEnded_DoesNothing()
    {
        using var process = Start("exit 0");
        process.WaitForExit();

        ProcessTree.Kill(process);

        Assert.Equal(0, process.ExitCode);
    }

    private static Process Start(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return Process.Start(start)!;
    }

    // Gone, or a zombie that nobody has reaped yet (its parent was killed): not running either way.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
