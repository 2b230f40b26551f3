using System.Text.RegularExpressions;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>Holds our kernel's outcome of one corpus cell to the engine's: every cell that runs in the engine runs in
/// ours with the same output kinds, apart from the documented differences (<see cref="CorpusDifferences"/>).</summary>
internal static partial class CorpusVerdict
{
    private const string PlainText = "text/plain";
    private const string Stderr = "stream:stderr";

    /// <summary>What is wrong with ours in this cell; empty when it is held to the engine and passes.</summary>
    /// <param name="notebook">The notebook's file name.</param>
    /// <param name="cell">The cell's index in the notebook.</param>
    /// <param name="firstLine">The cell's first line.</param>
    /// <param name="engine">The engine's outcome.</param>
    /// <param name="ours">Our kernel's outcome.</param>
    public static IEnumerable<string> Problems(string notebook, int cell, string firstLine, CellOutcome engine, CellOutcome ours)
    {
        var difference = CorpusDifferences.For(notebook, cell);
        if (difference is not null && !firstLine.StartsWith(difference.FirstLine, StringComparison.Ordinal))
        {
            yield return $"the documented difference for cell {cell} names '{difference.FirstLine}', but the cell starts "
                + $"'{firstLine}': update CorpusDifferences with the notebook";
            difference = null;
        }

        var problems = difference?.Ours switch
        {
            CorpusDifference.Expect.Unsupported => Unsupported(difference.Magic, ours),
            CorpusDifference.Expect.Run => Listed(difference, ours),
            _ => HeldToEngine(firstLine, engine, ours),
        };
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> Unsupported(string magic, CellOutcome ours)
    {
        if (ours.Ran)
        {
            yield return $"ran ({ours}), but a C# kernel cannot run {magic}: it must fail with one clear error";
            yield break;
        }

        if (ours.ErrorOutputs != 1)
        {
            yield return $"shows {ours.ErrorOutputs} error outputs for {magic}, not exactly one";
        }

        if (ours.Outputs.Count > 0)
        {
            yield return $"shows {string.Join(",", ours.Outputs)} beside the error for {magic}: one clear error only";
        }

        if (CompilerError().IsMatch(ours.Error))
        {
            yield return $"answers {magic} with a C# compiler error ({ours.Error}), not a line naming the magic";
        }
        else if (!ours.Error.Contains(magic, StringComparison.Ordinal))
        {
            yield return $"its error does not name {magic}: {ours.Error}";
        }
    }

    private static IEnumerable<string> Listed(CorpusDifference difference, CellOutcome ours)
    {
        if (!ours.Ran)
        {
            yield return $"must run but fails: {ours.Error} {ours.Stderr}".TrimEnd();
        }
        else if (!difference.Alternatives.Any(kinds => KindsMatch(kinds, [.. Comparable(ours).SelectMany(b => b).Distinct()])))
        {
            yield return $"shows {Describe(ours.Outputs)}, expected {string.Join(" or ", difference.Alternatives.Select(Describe))}";
        }
        else if (difference.HtmlFeatures.Except(ours.HtmlFeatures).ToList() is { Count: > 0 } missing)
        {
            yield return $"its HTML has no {string.Join(", ", missing)} view";
        }
    }

    private static IEnumerable<string> HeldToEngine(string firstLine, CellOutcome engine, CellOutcome ours)
    {
        if (engine.Ran && !ours.Ran)
        {
            yield return $"runs in the engine ({Describe(engine.Bundles)}) but fails in ours: {ours.Error} {ours.Stderr}".TrimEnd();
            yield break;
        }

        if (!engine.Ran)
        {
            if (ours.Ran)
            {
                yield return $"fails in the engine ({engine.Error}) but runs in ours ({ours}): if that is intended, "
                    + "document it in CorpusDifferences";
            }

            yield break;
        }

        // R3: a #r "nuget:" cell's output is the host's restore report.
        if (!firstLine.StartsWith("#r \"nuget:", StringComparison.Ordinal) && !BundlesMatch(Comparable(engine), Comparable(ours)))
        {
            yield return $"outputs differ: engine {Describe(engine.Bundles)}, ours {Describe(ours.Bundles)}";
        }

        foreach (var feature in engine.HtmlFeatures.Except(ours.HtmlFeatures))
        {
            yield return $"the engine's HTML has a {feature} view, ours has none ({Describe(ours.Bundles)})";
        }

        if (engine.Updates > 0 && ours.Updates == 0)
        {
            yield return $"the engine updated its output in place ({engine.Updates} update_display_data), ours did not";
        }
    }

    // R2: stderr that starts with a compiler warning is left out.
    private static IReadOnlyList<IReadOnlyList<string>> Comparable(CellOutcome outcome) =>
        CompilerWarning().IsMatch(outcome.Stderr) ? [.. outcome.Bundles.Where(b => !b.SequenceEqual([Stderr]))] : outcome.Bundles;

    // Every output of the engine has one of ours with the same kinds, and every output of ours one of the engine's.
    private static bool BundlesMatch(IReadOnlyList<IReadOnlyList<string>> engine, IReadOnlyList<IReadOnlyList<string>> ours) =>
        engine.All(e => ours.Any(o => KindsMatch(e, o))) && ours.All(o => engine.Any(e => KindsMatch(e, o)));

    // R1: ours may add text/plain beside other (non-stream) kinds of the same output.
    private static bool KindsMatch(IReadOnlyList<string> expected, IReadOnlyList<string> ours)
    {
        var rich = ours.Where(k => k != PlainText).ToHashSet();
        if (!rich.SetEquals(expected.Where(k => k != PlainText)))
        {
            return false;
        }

        var oursPlain = ours.Contains(PlainText);
        return expected.Contains(PlainText) ? oursPlain : !oursPlain || rich.Any(k => !k.StartsWith("stream:", StringComparison.Ordinal));
    }

    private static string Describe(IReadOnlyList<string> kinds) => kinds.Count == 0 ? "(no output)" : string.Join(",", kinds);

    private static string Describe(IReadOnlyList<IReadOnlyList<string>> bundles) =>
        bundles.Count == 0 ? "(no output)" : string.Join(" + ", bundles.Select(Describe));

    [GeneratedRegex(@"\bCS\d{4}\b")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"\bwarning CS\d{4}\b")]
    private static partial Regex CompilerWarning();
}
