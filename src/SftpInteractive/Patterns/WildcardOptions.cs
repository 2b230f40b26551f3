namespace SftpInteractive;

/// <summary>Which wildcard dialect <see cref="Wildcard"/> reads. <c>*</c> and <c>?</c> are always wildcards.</summary>
[Flags]
public enum WildcardOptions
{
    /// <summary>OpenSSH patterns: <c>*</c> and <c>?</c> only, everything else literal, case-sensitive.</summary>
    None = 0,

    /// <summary>Compare case-insensitively (known_hosts host names).</summary>
    IgnoreCase = 1,

    /// <summary>Paths: <c>*</c> and <c>?</c> stop at <c>/</c>; <c>**</c> crosses folders (<c>**/</c>: zero or more).</summary>
    Path = 2,

    /// <summary><c>[a-z]</c>, <c>[!x]</c> and <c>[^x]</c> sets; an unclosed <c>[</c> is an error.</summary>
    CharacterClasses = 4,

    /// <summary><c>{csv,txt}</c> alternatives.</summary>
    Braces = 8,

    /// <summary>With <see cref="CharacterClasses"/>: an unclosed <c>[</c> is a literal instead of an error (SQLite GLOB).</summary>
    LenientBrackets = 16,

    /// <summary>The shell's dialect, as <c>find -name</c> and file-name globbing read it.</summary>
    Shell = Path | CharacterClasses | Braces,
}
