using System.Text;

namespace SftpInteractive;

/// <summary>
/// A host's output boundary: a writer in front of a terminal stream that masks registered secrets (<see cref="Redactor"/>)
/// even when they arrive in pieces (one <c>Console.Write</c> a character), holding back only an ending that could still
/// grow into a secret. The REPL writes every result, <c>Console</c> write, progress redraw, notice and error through one
/// of these per stream; <c>sftpi run</c> echoes cells through them; the kernel's stream writer shares the same rule.
/// <see cref="Drain"/> releases what is held back when a submission ends.
/// </summary>
/// <param name="target">The stream the text goes to.</param>
public sealed class RedactingWriter(TextWriter target) : TextWriter
{
    private readonly PieceRedactor _pieces = new();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public override Encoding Encoding => target.Encoding;

    /// <inheritdoc />
    public override void Write(char value) => Write([value], 0, 1);

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            var safe = _pieces.Append(buffer);
            if (safe.Length > 0)
            {
                target.Write(safe);
                target.Flush();
            }
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write((value ?? string.Empty) + NewLine);

    /// <inheritdoc />
    public override void WriteLine() => Write(NewLine);

    /// <summary>Flushes the target; text held back as the possible start of a secret stays held (use <see cref="Drain"/>).</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            target.Flush();
        }
    }

    /// <summary>Writes what is held back: the stream has paused (a submission ended, the prompt comes next).</summary>
    public void Drain()
    {
        lock (_lock)
        {
            var rest = _pieces.Drain();
            if (rest.Length > 0)
            {
                target.Write(rest);
            }

            target.Flush();
        }
    }
}
