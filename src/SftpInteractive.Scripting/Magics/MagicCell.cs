namespace SftpInteractive.Scripting;

/// <summary>
/// A cell split at its magic lines (a line that starts with <c>#!</c>, as .NET Interactive requires). Language magics
/// take the lines up to the next magic line, as the engine splits a submission between its kernels; <c>#!time</c> takes
/// the rest of the cell; actions (<c>#!who</c>, <c>#!import</c>…) take their line only, and C# may follow them.
/// A first line <c>#!/</c> is a script's shebang, not a magic.
/// </summary>
internal sealed class MagicCell
{
    private MagicCell(IReadOnlyList<MagicSegment> segments, IReadOnlyList<string> refused)
    {
        Segments = segments;
        Refused = refused;
    }

    /// <summary>The parts in order (empty C# parts left out).</summary>
    public IReadOnlyList<MagicSegment> Segments { get; }

    /// <summary>Magic names of the cell this engine does not run (other languages, unknown names), in order.</summary>
    public IReadOnlyList<string> Refused { get; }

    /// <summary>The cell split at its magics, or null when it has none (plain C#: the engine's usual path).</summary>
    public static MagicCell? Parse(string code)
    {
        if (!code.Contains("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var lines = code.ReplaceLineEndings("\n").Split('\n');
        var refused = new List<string>();
        var any = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (NameOf(lines, i) is { } name)
            {
                any = true;
                if (MagicRegistry.Find(name) is null)
                {
                    refused.Add(name);
                }
            }
        }

        if (!any)
        {
            return null;
        }

        var segments = new List<MagicSegment>();
        Magic? open = null;
        var argument = string.Empty;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (NameOf(lines, i) is not { } name)
            {
                continue;
            }

            Close(i);
            var magic = MagicRegistry.Find(name) ?? MagicRegistry.CSharp; // refused cells never run
            var rest = lines[i].Trim()[name.Length..].Trim();
            switch (magic.Kind)
            {
                case MagicKind.Prefix:
                    segments.Add(new MagicSegment(magic, rest, Body(i + 1, lines.Length)));
                    return new MagicCell(segments, refused);
                case MagicKind.Action:
                    segments.Add(new MagicSegment(magic, rest, string.Empty));
                    (open, argument) = (null, string.Empty);
                    break;
                default:
                    (open, argument) = (magic, rest);
                    break;
            }

            start = i + 1;
        }

        Close(lines.Length);
        return new MagicCell(segments, refused);

        void Close(int end)
        {
            var body = Body(start, end);
            if (open is not null && open is not CSharpMagic)
            {
                segments.Add(new MagicSegment(open, argument, body));
            }
            else if (!string.IsNullOrWhiteSpace(body))
            {
                segments.Add(new MagicSegment(open, argument, body));
            }
        }

        string Body(int from, int to) => new string('\n', from) + string.Join('\n', lines[from..to]);
    }

    /// <summary>The magic name (<c>#!time</c>) that line <paramref name="index"/> starts with, or null.</summary>
    public static string? NameOf(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index].TrimStart();
        if (!line.StartsWith("#!", StringComparison.Ordinal) || (index == 0 && line.StartsWith("#!/", StringComparison.Ordinal)))
        {
            return null;
        }

        var end = line.IndexOfAny([' ', '\t'], 2);
        var name = (end < 0 ? line : line[..end]).TrimEnd();
        return name.Length > 2 ? name : null;
    }
}
