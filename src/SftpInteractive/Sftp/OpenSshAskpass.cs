using System.Runtime.InteropServices;
using System.Text;

namespace SftpInteractive;

/// <summary>
/// The askpass helper of an OpenSSH master: a small shell script in the session's private (0700) directory that
/// <c>ssh</c> runs as <c>SSH_ASKPASS</c> (with <c>SSH_ASKPASS_REQUIRE=force</c>) and as its <c>KnownHostsCommand</c>.
/// The script hands ssh's question to this process over a FIFO in that directory and reads the answer from a FIFO of
/// its own, which it holds open before asking (so neither side ever blocks on an open). The answer is a shell
/// variable of the script and a line on ssh's pipe: never on a command line, in an environment or in a log.
/// </summary>
internal sealed class OpenSshAskpass : IDisposable
{
    private const char RecordEnd = '\u001e';
    private const char FieldEnd = '\u001f';
    private const string AnswerPrefix = "a.";

    // $0's directory holds the FIFOs. The question is one write of a few hundred bytes (atomic below PIPE_BUF, so
    // two askpass runs at once cannot interleave). '1' before the answer means answered; anything else refuses. ssh
    // waits for each run during its login, so the script starts no program but mkfifo (and the watcher's sleep, beside
    // it): its FIFO is named by its process id (not mktemp), the session removes it once it has answered (no rm), and
    // a host-key answer's lines are split by the shell (no tr). {US} is the unit separator, \037.
    private const string Script = """
        #!/bin/sh
        # SftpInteractive's askpass and KnownHostsCommand: asks the session that started ssh, over FIFOs in this private directory.
        d=${0%/*}
        a=$d/a.$$
        [ ! -p "$a" ] || rm -f "$a"
        mkfifo -m 600 "$a" || exit 1
        w=
        trap '[ ! -p "$a" ] || rm -f "$a"; [ -z "$w" ] || kill "$w" 2>/dev/null' EXIT
        # If the process that asks ends first (killed, crashed), stop waiting for its answer: ssh would wait for ever.
        o=${SFTPI_ASKPASS_OWNER-}
        if [ -n "$o" ]; then
            (while kill -0 "$o" 2>/dev/null; do sleep 1; done; kill $$) </dev/null >/dev/null 2>&1 3>&- &
            w=$!
        fi
        exec 3<>"$a"
        q=$(printf '%s\037' "$a" "${SSH_ASKPASS_PROMPT-}" "$@")
        printf '%s\036' "$q" > "$d/ask" || exit 1
        IFS= read -r r <&3 || exit 1
        case $r in
        1*) if [ "${1-}" = hostkey ]; then set -f; IFS='{US}'; for l in ${r#1}; do printf '%s\n' "$l"; done; else printf '%s\n' "${r#1}"; fi ;;
        *) exit 1 ;;
        esac
        """;

    private const uint OwnerReadWrite = 0x180; // 0600

    private readonly string _directory;
    private readonly Func<OpenSshQuestion, string?> _answer;
    private readonly FileStream _questions;
    private readonly Thread _reader;
    private int _disposed;

    private OpenSshAskpass(string directory, Func<OpenSshQuestion, string?> answer, FileStream questions)
    {
        (_directory, _answer, _questions) = (directory, answer, questions);
        ScriptPath = Path.Combine(directory, "askpass");
        _reader = new Thread(Read) { IsBackground = true, Name = "sftpi ssh askpass" };
    }

    /// <summary>The environment variable that names the process answering (this one): the script stops waiting when
    /// it has ended.</summary>
    public const string OwnerVariable = "SFTPI_ASKPASS_OWNER";

    /// <summary>The script to give ssh as <c>SSH_ASKPASS</c> and <c>KnownHostsCommand</c>.</summary>
    public string ScriptPath { get; }

    /// <summary>Writes the script and the question FIFO into <paramref name="directory"/> (private to this user) and
    /// starts answering with <paramref name="answer"/> (null refuses; it may block while the user types).</summary>
    public static OpenSshAskpass Create(string directory, Func<OpenSshQuestion, string?> answer)
    {
        var fifo = Path.Combine(directory, "ask");
        if (MakeFifo([.. Encoding.UTF8.GetBytes(fifo), 0], OwnerReadWrite) != 0)
        {
            throw new SftpConnectionException($"Could not create the FIFO {fifo} for ssh's askpass (errno {Marshal.GetLastPInvokeError()}).");
        }

        // Read and write: opening never waits for a writer, and the reader never sees end-of-file between questions.
        var questions = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var askpass = new OpenSshAskpass(directory, answer, questions);
        File.WriteAllText(askpass.ScriptPath, Script.Replace("{US}", FieldEnd.ToString(), StringComparison.Ordinal).ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(askpass.ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        askpass._reader.Start();
        return askpass;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // An empty record stops the reader thread (it holds the FIFO; closing it under a blocked read would not wake it).
            _questions.Write([(byte)RecordEnd]);
        }
        catch (IOException)
        {
            // The reader is gone already.
        }

        _reader.Join(TimeSpan.FromSeconds(5));
        _questions.Dispose();
    }

    private void Read()
    {
        var buffer = new byte[4096];
        var record = new List<byte>();
        try
        {
            int read;
            while ((read = _questions.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != RecordEnd)
                    {
                        record.Add(buffer[i]);
                        continue;
                    }

                    if (record.Count == 0)
                    {
                        return; // Dispose's stop record
                    }

                    var fields = Encoding.UTF8.GetString([.. record]).Split(FieldEnd);
                    record.Clear();
                    // The user may take minutes at a prompt: answer off this thread, so a second question is not held up.
                    _ = Task.Factory.StartNew(() => Answer(fields), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Closed.
        }
    }

    private void Answer(string[] fields)
    {
        // fields: the script's answer FIFO, SSH_ASKPASS_PROMPT, then its arguments (a trailing empty field follows the last \037).
        if (fields.Length < 3 || !IsOurFifo(fields[0]))
        {
            return;
        }

        var arguments = fields[2..^1];
        var question = arguments is ["hostkey", ..]
            ? new OpenSshQuestion(OpenSshQuestionKind.HostKey, "", arguments[1..])
            : new OpenSshQuestion(fields[1] switch { "confirm" => OpenSshQuestionKind.Confirm, "none" => OpenSshQuestionKind.Notice, _ => OpenSshQuestionKind.Secret },
                string.Join(' ', arguments), []);
        string? answer;
        try
        {
            answer = _answer(question);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SftpLog.Info($"ssh askpass: no answer ({Redactor.Redact(e.Message)})");
            answer = null;
        }

        var bytes = Encoding.UTF8.GetBytes(answer is null ? "0\n" : "1" + answer.ReplaceLineEndings(" ") + "\n");
        try
        {
            // The script holds its FIFO open for reading and writing, so this open never waits, and what is written
            // stays in the pipe until the script reads it; if the script is gone, it is dropped with the pipe.
            // Its name goes first: the script reads through the descriptor it holds, and has nothing left to remove.
            using var reply = new FileStream(fields[0], FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            File.Delete(fields[0]);
            reply.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SftpLog.Info($"ssh askpass: the helper went away before its answer ({e.GetType().Name})");
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    // mkfifo(3): a process of its own (mkfifo(1)) cost each login a few milliseconds. The path is NUL-terminated UTF-8;
    // a byte array is pinned, not marshalled.
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MakeFifo(byte[] path, uint mode);

    private bool IsOurFifo(string path) =>
        Path.GetDirectoryName(path) == _directory && Path.GetFileName(path).StartsWith(AnswerPrefix, StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal);
}

/// <summary>What ssh asked through the askpass helper.</summary>
internal enum OpenSshQuestionKind
{
    /// <summary>A password, passphrase or code (answer masked).</summary>
    Secret,

    /// <summary>A yes/no question (<c>SSH_ASKPASS_PROMPT=confirm</c>).</summary>
    Confirm,

    /// <summary>Information only (<c>SSH_ASKPASS_PROMPT=none</c>: touch your security key).</summary>
    Notice,

    /// <summary><c>KnownHostsCommand</c>: arguments are the reason (HOSTNAME, ADDRESS, ORDER), the known_hosts name,
    /// the key type and the base64 key (empty for ORDER).</summary>
    HostKey,
}

/// <summary>One question of ssh's.</summary>
/// <param name="Kind">What kind.</param>
/// <param name="Text">The prompt text (askpass).</param>
/// <param name="Arguments">KnownHostsCommand's arguments.</param>
internal sealed record OpenSshQuestion(OpenSshQuestionKind Kind, string Text, string[] Arguments);
