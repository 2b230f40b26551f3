namespace SftpInteractive.Scripting;

/// <summary>How a magic line takes the lines after it.</summary>
internal enum MagicKind
{
    /// <summary>A cell language (<c>#!csharp</c>, <c>#!markdown</c>…): the lines up to the next magic line are its body.</summary>
    Language,

    /// <summary>Wraps the rest of the cell (<c>#!time</c>): everything after it, other magics included.</summary>
    Prefix,

    /// <summary>The line alone (<c>#!who</c>, <c>#!import file</c>); C# may follow on the next lines.</summary>
    Action,
}
