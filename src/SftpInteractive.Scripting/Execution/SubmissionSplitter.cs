namespace SftpInteractive.Scripting;

/// <summary>
/// Splits a script (piped input, a <c>.csx</c> file) into submissions the way a user would type them: lines accumulate
/// until they form a complete submission; blank lines between submissions are skipped. Magic lines split as the engine
/// runs them: a block in another language (<c>#!markdown</c>…) runs until the next magic line and is a submission of
/// its own; <c>#!time</c> and <c>#!csharp</c> join the C# that follows; an action such as <c>#!who</c> alone on its
/// line is a submission.
/// </summary>
public static class SubmissionSplitter
{
    /// <summary>The submissions of <paramref name="script"/>.</summary>
    /// <param name="script">The whole script.</param>
    /// <param name="isComplete">Whether C# code is a complete submission (the engine's <see cref="IInteractiveEngine.IsComplete"/>).</param>
    /// <param name="isHostDirective">Lines the host handles itself (the REPL's <c>#exit</c>), each a submission of its own.</param>
    public static IEnumerable<string> Split(string script, Func<string, bool> isComplete, Func<string, bool>? isHostDirective = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(isComplete);
        var lines = script.ReplaceLineEndings("\n").Split('\n');
        var pending = new List<string>();
        Magic? open = null; // the latest magic of the pending lines, and where its lines start
        var openName = (string?)null;
        var tailStart = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (pending.Count == 0 && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var name = MagicCell.NameOf(lines, i);
            if (name is not null && openName is not null && IsForeignBlock(open))
            {
                // The other language's block ends where the next magic starts.
                yield return string.Join('\n', pending);
                pending.Clear();
            }

            if (name is not null)
            {
                (openName, open) = (name, MagicRegistry.Find(name));
                tailStart = pending.Count + 1;
            }
            else if (pending.Count == 0)
            {
                (openName, open, tailStart) = (null, null, 0);
            }

            pending.Add(line);
            var code = string.Join('\n', pending);
            var tail = string.Join('\n', pending.Skip(tailStart));
            var complete = openName switch
            {
                null => (pending.Count == 1 && isHostDirective?.Invoke(code) == true) || isComplete(code),
                _ when IsForeignBlock(open) => false,
                _ when open!.Kind == MagicKind.Action && string.IsNullOrWhiteSpace(tail) => true,
                _ => !string.IsNullOrWhiteSpace(tail) && isComplete(tail),
            };
            if (complete)
            {
                pending.Clear();
                (openName, open, tailStart) = (null, null, 0);
                yield return code;
            }
        }

        if (pending.Any(l => !string.IsNullOrWhiteSpace(l)))
        {
            // An unfinished submission at the end still runs, so its compile error is reported.
            yield return string.Join('\n', pending);
        }
    }

    // A language other than C# (or a magic this engine refuses): its lines are not C#, so no completeness to check.
    private static bool IsForeignBlock(Magic? magic) => magic is null || (magic.Kind == MagicKind.Language && magic is not CSharpMagic);
}
