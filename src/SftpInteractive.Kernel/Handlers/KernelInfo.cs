using System.Reflection;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Handlers;

/// <summary>The kernel_info_reply content: who we are and the language front ends should highlight.</summary>
internal static class KernelInfo
{
    /// <summary>Version of this kernel (the assembly's informational version without build metadata).</summary>
    public static string ImplementationVersion { get; } =
        (typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = MessageFactory.ProtocolVersion,
        ["implementation"] = "sftpinteractive",
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = SyntaxCheck.LanguageVersionText,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".csx",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
            ["nbconvert_exporter"] = "script",
        },
        ["banner"] = $"SftpInteractive {ImplementationVersion} — C# {SyntaxCheck.LanguageVersionText} on .NET {Environment.Version}. "
            + "The SFTP session helper is preloaded: Connect() (from .env), Ls(\"/\"), Run(\"uname -a\"); Help() lists every verb.",
        ["help_links"] = new JsonArray
        {
            new JsonObject { ["text"] = "SftpInteractive", ["url"] = "https://github.com/sftpinteractive/sftpinteractive" },
            new JsonObject { ["text"] = "C# language reference", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
        },
        // JupyterLab's debugger (debug_request on control, see DebugAdapter); supported_features is protocol 5.5's form.
        ["debugger"] = true,
        ["supported_features"] = new JsonArray("debugger"),
    };
}
