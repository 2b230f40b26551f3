namespace SftpInteractive.Display.Polyglot;

/// <summary>What <c>extension.dib</c> calls when Polyglot loads the package with <c>#r "nuget: SftpInteractive"</c>.</summary>
public static class PolyglotExtension
{
    /// <summary>The line shown after loading.</summary>
    public const string Banner =
        "SftpInteractive loaded. Connect with: var s = await Sftp.ConnectAsync(); then s.Ls(\"/\"), s.Run(\"uname -a\"), s.Explain().";

    /// <summary>Returns the banner; formatters need no registration (they are found by convention).</summary>
    public static string Load() => Banner;
}
