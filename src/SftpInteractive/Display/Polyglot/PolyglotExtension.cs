namespace SftpInteractive.Display.Polyglot;

/// <summary>What <c>extension.dib</c> calls when Polyglot loads the package with <c>#r "nuget: SftpInteractive"</c>.</summary>
public static class PolyglotExtension
{
    /// <summary>The line shown after loading.</summary>
    public const string Banner =
        "SftpInteractive loaded: its values render as tables (var s = await Sftp.ConnectAsync(); s.Ls(\"/\")). " +
        "For the verbs preloaded — Connect(), Ls, Find, Get with live progress, masked prompts, cancel — " +
        "use #r \"nuget: SftpInteractive.Interactive\".";

    /// <summary>Returns the banner; formatters need no registration (they are found by convention).</summary>
    public static string Load() => Banner;
}
