using System.Diagnostics;

namespace SftpInteractive.Tests.Transport;

/// <summary>What an ended ssh said reaches the message even when the process exits before its standard error is read
/// to the end (CI saw "ssh could not connect … (exit code 255)" with ssh's "Permission denied" lost).</summary>
public sealed class SshErrorTailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExplainEnd_WordsWrittenAfterTheProcessExited_AreInTheExplanation()
    {
        // The shell exits at once; a child that still holds its standard error says the last words a moment later.
        var (process, tail, exited) = await ExitedAsync("(sleep 0.3; echo 'Permission denied (keyboard-interactive).' >&2) & exit 255");
        using (process)
        {
            Assert.Equal("exit code 255: Permission denied (keyboard-interactive).", await tail.ExplainEndAsync(exited, TimeSpan.FromSeconds(20), Ct));
        }
    }

    [Fact]
    public async Task ExplainEnd_AChildThatNeverClosesTheStream_IsReportedAfterTheGrace()
    {
        var (process, tail, exited) = await ExitedAsync("echo 'first words' >&2; (sleep 30) & exit 1");
        using (process)
        {
            var clock = Stopwatch.StartNew();

            Assert.Equal("exit code 1: first words", await tail.ExplainEndAsync(exited, TimeSpan.FromMilliseconds(500), Ct));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"waited {clock.Elapsed} past a 0.5 s grace");
        }
    }

    [Fact]
    public async Task Explain_TheProcessWasDisposedByItsOwner_SaysItEndedInsteadOfThrowing()
    {
        // A reader thread explaining a channel's end while the transport (or the master) disposes the process: CI's
        // integration run over OpenSSH saw "No process is associated with this object" thrown on such a thread.
        var (process, tail, exited) = await ExitedAsync("echo 'Connection closed' >&2; exit 255");
        await tail.ExplainEndAsync(exited, TimeSpan.FromSeconds(20), Ct);
        process.Dispose();

        Assert.Equal("ended: Connection closed", tail.Explain());
    }

    // A shell running script with its standard error read by a tail, once the shell itself has exited.
    private static async Task<(Process Process, SshErrorTail Tail, Task Exited)> ExitedAsync(string script)
    {
        var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardError = true, UseShellExecute = false })!;
        var tail = new SshErrorTail(process);
        tail.Start("test ssh stderr");
        var exited = process.WaitForExitAsync(Ct);
        await exited;
        return (process, tail, exited);
    }
}
