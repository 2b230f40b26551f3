namespace SftpInteractive;

/// <summary>One keyword line of an ssh_config file, split as OpenSSH splits it.</summary>
/// <param name="Keyword">The keyword, lower-cased (keywords are case-insensitive).</param>
/// <param name="Args">The arguments, quotes and escapes removed.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="Number">1-based line number.</param>
internal sealed record SshConfigLine(string Keyword, IReadOnlyList<string> Args, string File, int Number)
{
    /// <summary>Where the line is, as <c>~/.ssh/config:12</c>.</summary>
    public string Location => $"{LocalPaths.Display(File)}:{Number}";

    /// <summary>The first argument.</summary>
    public string Value => Args[0];

    /// <summary>An error naming this line, the way ssh names it ("file line N: ...").</summary>
    public SftpConfigException Error(string message) => new($"{Location}: {message}");
}
