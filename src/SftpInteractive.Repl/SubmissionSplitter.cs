namespace SftpInteractive.Repl;

/// <summary>Splits a piped script into submissions the way a user would type them: lines accumulate until they form
/// a complete submission; blank lines between submissions are skipped.</summary>
internal static class SubmissionSplitter
{
    public static IEnumerable<string> Split(string script, Func<string, bool> isComplete)
    {
        var pending = new List<string>();
        foreach (var line in script.ReplaceLineEndings("\n").Split('\n'))
        {
            if (pending.Count == 0 && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            pending.Add(line);
            var code = string.Join('\n', pending);
            if ((pending.Count == 1 && ReplDirectives.IsDirective(code)) || isComplete(code))
            {
                pending.Clear();
                yield return code;
            }
        }

        if (pending.Count > 0 && pending.Any(l => !string.IsNullOrWhiteSpace(l)))
        {
            // An unfinished submission at the end still runs, so its compile error is reported.
            yield return string.Join('\n', pending);
        }
    }
}
