using System.Globalization;
using System.Text;

namespace SftpInteractive;

/// <summary>The <c>.env</c> reader's interpolation and escapes (inside double quotes; interpolation in bare values too).</summary>
internal sealed partial class DotEnvParser
{
    // At '$': $NAME, ${NAME}, else a plain '$'.
    private void Interpolate(ref int q, StringBuilder text)
    {
        if (Identifier(q + 1, out var name, out var end))
        {
            text.Append(_variable(name));
            q = end;
        }
        else if (Is(q + 1, '{') && Identifier(q + 2, out name, out end) && Is(end, '}'))
        {
            text.Append(_variable(name));
            q = end + 1;
        }
        else
        {
            text.Append('$');
            q++;
        }
    }

    // At '\' with a character after it: \U hex{2,8} | \u hex{2,4} | (\x hex{1,2}){1,4} as UTF-8 | (\ octal{1,3}){1,8}
    // as UTF-8 | \ any (the C escapes; any other character keeps its backslash).
    private void Escape(ref int q, StringBuilder text)
    {
        var next = _text[q + 1];
        if (next is 'U' or 'u' && HexDigits(q + 2, next == 'U' ? 8 : 4) is var digits and >= 2)
        {
            var value = uint.Parse(_text.AsSpan(q + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            text.Append(next == 'U' ? Encoding.UTF32.GetString(BitConverter.GetBytes(value)) : Encoding.Unicode.GetString(BitConverter.GetBytes((ushort)value)));
            q += 2 + digits;
        }
        else if (next == 'x' && HexDigits(q + 2, 2) > 0)
        {
            text.Append(Bytes(ref q, 'x', 4));
        }
        else if (next is >= '0' and <= '7')
        {
            text.Append(Bytes(ref q, null, 8));
        }
        else
        {
            text.Append(EscapeCharacters.Contains(next, StringComparison.Ordinal) ? Escaped(next) : "\\" + next);
            q += 2;
        }
    }

    // Up to `most` byte escapes in a row (\xHH, or \OOO when `marker` is null), decoded together as UTF-8. After the
    // last one DotNetEnv still reads the next and converts it: an octal escape over \377 there fails too.
    private string Bytes(ref int q, char? marker, int most)
    {
        var bytes = new List<byte>(most);
        while (ByteEscape(q, marker, out var value, out var end))
        {
            if (bytes.Count == most)
            {
                break;
            }

            bytes.Add(value);
            q = end;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private bool ByteEscape(int q, char? marker, out byte value, out int end)
    {
        value = 0;
        var digitsAt = q + (marker is null ? 1 : 2);
        end = digitsAt;
        if (!Is(q, '\\') || marker is { } m && !Is(q + 1, m))
        {
            return false;
        }

        var digits = marker is null ? OctalDigits(digitsAt) : HexDigits(digitsAt, 2);
        if (digits == 0)
        {
            return false;
        }

        end = digitsAt + digits;
        var number = marker is null ? Convert.ToInt32(_text.Substring(digitsAt, digits), 8) : Convert.ToInt32(_text.Substring(digitsAt, digits), 16);
        value = number <= byte.MaxValue ? (byte)number
            : throw new DotEnvFormatException(Where(digitsAt - 1), "an octal escape over \\377 (one byte)");
        return true;
    }

    private int HexDigits(int p, int most)
    {
        var count = 0;
        while (count < most && p + count < _text.Length && char.IsAsciiHexDigit(_text[p + count]))
        {
            count++;
        }

        return count;
    }

    private int OctalDigits(int p)
    {
        var count = 0;
        while (count < 3 && p + count < _text.Length && _text[p + count] is >= '0' and <= '7')
        {
            count++;
        }

        return count;
    }

    private static string Escaped(char c) => c switch
    {
        'a' => "\a",
        'b' => "\b",
        'f' => "\f",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\v",
        _ => c.ToString(),
    };
}

/// <summary>A <c>.env</c> text that is not in the format: where (<c>Line N, Column C</c>) and what is wrong, never the text.</summary>
internal sealed class DotEnvFormatException(string where, string problem) : FormatException($"{where}: {problem}")
{
    /// <summary><c>Line N, Column C</c>.</summary>
    public string Where { get; } = where;
}
