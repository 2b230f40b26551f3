using System.Text;

namespace SftpInteractive;

/// <summary>
/// Redacts a stream of text that arrives in pieces (one <c>Console.Write</c> at a time), so a secret written in two,
/// three or one-character pieces is masked as a whole. What <see cref="Append"/> returns holds no registered secret and
/// no start of one: the longest ending that could still grow into a secret is held back until the next piece (or
/// <see cref="Drain"/>) decides. Every other character passes at once, so prompts and progress dots still appear. The
/// one definition of this rule for every host's output streams (<see cref="RedactingWriter"/> and the kernel's stream
/// writer); not thread-safe (the writer using it locks).
/// </summary>
public sealed class PieceRedactor
{
    private readonly StringBuilder _held = new();

    /// <summary>True when some text is held back.</summary>
    public bool IsHolding => _held.Length > 0;

    /// <summary>Adds <paramref name="piece"/> and returns the redacted text that is safe to show now.</summary>
    public string Append(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty)
        {
            return string.Empty;
        }

        _held.Append(piece);
        var text = Redactor.Redact(_held.ToString());
        var keep = Redactor.SecretStartLength(text);
        _held.Clear().Append(text, text.Length - keep, keep);
        return keep == 0 ? text : text[..^keep];
    }

    /// <summary>Returns what is held back (never a whole secret) and forgets it: the stream ended or paused for good.</summary>
    public string Drain()
    {
        var text = _held.ToString();
        _held.Clear();
        return text;
    }
}
