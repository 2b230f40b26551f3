namespace SftpInteractive.Scripting;

/// <summary>
/// Magics of .NET Interactive that this C# engine does not run (other languages, kernel connections, variable sharing
/// between kernels), and the one line that says so: the magic, what it was for and what to use here instead. Never a
/// compiler error about <c>#</c>.
/// </summary>
internal static class ForeignMagics
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["#!fsharp"] = "F# cells do not run in this C# kernel; write the cell in C#",
        ["#!f#"] = "F# cells do not run in this C# kernel; write the cell in C#",
        ["#!F#"] = "F# cells do not run in this C# kernel; write the cell in C#",
        ["#!pwsh"] = "PowerShell cells do not run here; use s.Run(\"...\") for a remote command, or System.Diagnostics.Process for a local one",
        ["#!powershell"] = "PowerShell cells do not run here; use s.Run(\"...\") for a remote command, or System.Diagnostics.Process for a local one",
        ["#!sql"] = "SQL cells do not run here; query from C# with a client package (#r \"nuget: Microsoft.Data.Sqlite\")",
        ["#!kql"] = "KQL cells do not run here; query from C# with a client package (#r \"nuget: Microsoft.Azure.Kusto.Data\")",
        ["#!http"] = "HTTP request cells do not run here; use System.Net.Http.HttpClient in C#",
        ["#!python"] = "Python cells do not run in this C# kernel; write the cell in C#",
        ["#!r"] = "R cells do not run in this C# kernel; write the cell in C#",
        ["#!R"] = "R cells do not run in this C# kernel; write the cell in C#",
        ["#!value"] = "there are no other kernels to share values with; a C# variable holds the value (var text = \"\"\"...\"\"\";)",
        ["#!set"] = "there are no other kernels to share values with; declare a C# variable instead",
        ["#!share"] = "there are no other kernels to share values with; every cell already sees the session's C# variables",
        ["#!connect"] = "this kernel does not connect other kernels; it runs C# only",
        ["#!sql-connect"] = "SQL connections are not supported; query from C# with a client package",
        ["#!kql-connect"] = "KQL connections are not supported; query from C# with a client package",
    };

    /// <summary>The error of a cell that uses <paramref name="name"/>.</summary>
    public static SubmissionResult.Failure Refuse(string name)
    {
        var message = Hints.TryGetValue(name, out var hint)
            ? $"{name} is not supported: {hint}. Supported magics: {MagicRegistry.SupportedNames} (#!lsmagic describes them)."
            : $"{name} is not a magic command here. Supported magics: {MagicRegistry.SupportedNames} (#!lsmagic describes them).";
        return new SubmissionResult.Failure(Hints.ContainsKey(name) ? "UnsupportedMagic" : "UnknownMagic", message, [], string.Empty);
    }
}
