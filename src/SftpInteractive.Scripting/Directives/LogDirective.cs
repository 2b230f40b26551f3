namespace SftpInteractive.Scripting;

/// <summary>
/// <c>#log off|info|debug|trace</c>: the connection log (<see cref="SftpLog"/>, a view like <c>ssh -v</c>) in every
/// host, the REPL and the kernel alike. Without a level it says the current one.
/// </summary>
internal static class LogDirective
{
    /// <summary>The directive's word.</summary>
    public static readonly string Name = DirectiveRegistry.Log.Name;

    /// <summary>Runs <paramref name="code"/> when it is a <c>#log</c> line; null when it is not.</summary>
    public static SubmissionResult? TryRun(string code, IDisplaySink display)
    {
        var text = code.Trim();
        if (!text.StartsWith(Name, StringComparison.Ordinal) || (text.Length > Name.Length && !char.IsWhiteSpace(text[Name.Length])))
        {
            return null;
        }

        var argument = text[Name.Length..].Trim().Trim('"');
        if (argument.Length == 0)
        {
            display.StandardOutput.WriteLine($"connection log: {SftpLog.Level.ToString().ToLowerInvariant()}");
            return new SubmissionResult.Success(null, false, null);
        }

        try
        {
            SftpLog.SetLevel(SftpLog.Parse(argument));
        }
        catch (ArgumentException e)
        {
            return new SubmissionResult.Failure("LogLevel", $"{Name}: {e.Message.Split(" (Parameter", 2)[0]}", [], string.Empty);
        }

        display.StandardOutput.WriteLine($"connection log: {SftpLog.Level.ToString().ToLowerInvariant()}");
        return new SubmissionResult.Success(null, false, null);
    }
}
