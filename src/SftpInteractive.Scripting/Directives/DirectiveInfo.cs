namespace SftpInteractive.Scripting;

/// <summary>One directive or magic a user types at the start of a line, as <c>#help</c> and <c>#!lsmagic</c> list it
/// (<see cref="DirectiveRegistry"/>).</summary>
public sealed class DirectiveInfo
{
    internal DirectiveInfo(string name, string usage, string description, DirectiveHosts hosts, bool isMagic = false)
    {
        Name = name;
        Usage = usage;
        Description = description;
        Hosts = hosts;
        IsMagic = isMagic;
    }

    /// <summary>The word the host or engine recognises, for example <c>#r</c> or <c>#!time</c>.</summary>
    public string Name { get; }

    /// <summary>How it is written, for example <c>#r "nuget: Name, 1.2.3"</c>; a magic's names and aliases.</summary>
    public string Usage { get; }

    /// <summary>What it does, one line.</summary>
    public string Description { get; }

    /// <summary>The hosts that handle it.</summary>
    public DirectiveHosts Hosts { get; }

    /// <summary>True for a <c>#!</c> magic (a cell split before Roslyn sees it); false for a <c>#</c> directive line.</summary>
    public bool IsMagic { get; }

    /// <inheritdoc />
    public override string ToString() => Usage;
}
