using System.Diagnostics;
using System.Text;

namespace SftpInteractive;

/// <summary>
/// The last few KiB an <c>ssh</c> process wrote on standard error, read on a thread of its own so the process never
/// blocks on a full pipe; <see cref="Explain"/> says it (secrets redacted) with the exit code, for the message of a
/// login or channel that ended. One for the session's master and one for each channel. With
/// <paramref name="debug"/> (which sees every line), ssh's own debug lines (<c>LogLevel=DEBUG1</c>: what was negotiated, how it logged in) go to
/// it instead of the tail, so the tail still holds only what ssh says went wrong.
/// </summary>
internal sealed class SshErrorTail(Process process, Action<string>? debug = null)
{
    private const int Kept = 4096;
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts reading standard error on a background thread named <paramref name="threadName"/>.</summary>
    public Thread Start(string threadName)
    {
        var thread = new Thread(Read) { IsBackground = true, Name = threadName };
        thread.Start();
        return thread;
    }

    /// <summary>What ssh said before it ended: waits (at most <paramref name="grace"/>) for the end of its standard error
    /// as well as for <paramref name="exited"/>. A process can exit before the reader has its last words, and a child
    /// of it (a ProxyCommand, askpass) can still be writing them.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<string> ExplainEndAsync(Task exited, TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(exited, _ended.Task).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Say what there is: a process that outlives its grace is reported as still running.
        }

        return Explain();
    }

    /// <summary>What ssh said on standard error (its last lines, secrets redacted), with its exit code.</summary>
    public string Explain()
    {
        string text;
        lock (_text)
        {
            text = _text.ToString().Trim().ReplaceLineEndings(" ");
        }

        return text.Length == 0 ? ExitState() : $"{ExitState()}: {Redactor.Redact(text)}";
    }

    // The process object may be disposed by its owner (the transport or the master ending) while a reader thread still
    // explains the end: then it has ended, and its code is no longer known. Never an exception from a reader thread.
    private string ExitState()
    {
        try
        {
            return process.HasExited ? $"exit code {process.ExitCode}" : "still running";
        }
        catch (InvalidOperationException)
        {
            return "ended";
        }
    }

    private void Read()
    {
        try
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                debug?.Invoke(line);
                if (debug is not null && OpenSshNegotiation.IsDebugLine(line))
                {
                    continue;
                }

                lock (_text)
                {
                    _text.Append(line).Append('\n');
                    if (_text.Length > Kept)
                    {
                        _text.Remove(0, _text.Length - Kept);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone.
        }
        finally
        {
            _ended.TrySetResult();
        }
    }
}
