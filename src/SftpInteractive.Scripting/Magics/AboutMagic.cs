using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SftpInteractive.Scripting;

/// <summary><c>#!about</c>: what runs the cells (product, version, compiler, runtime), as text and an HTML table.</summary>
internal sealed class AboutMagic : Magic
{
    public override string Name => "#!about";

    public override string Description => "Show version and build information";

    public override MagicKind Kind => MagicKind.Action;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        (string Name, string Value)[] rows =
        [
            ("SftpInteractive", Version(typeof(ScriptEngine).Assembly)),
            ("C# compiler", "Roslyn " + Version(typeof(Microsoft.CodeAnalysis.Compilation).Assembly)),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("OS", RuntimeInformation.OSDescription),
        ];
        var text = string.Join('\n', rows.Select(r => $"{r.Name}: {r.Value}"));
        var html = "<table><tbody>"
            + string.Concat(rows.Select(r => $"<tr><th style=\"text-align:left\">{WebUtility.HtmlEncode(r.Name)}</th><td>{WebUtility.HtmlEncode(r.Value)}</td></tr>"))
            + "</tbody></table>";
        context.Display.Display(new RenderedValue(text, html, null));
        return Task.FromResult(Done);
    }

    private static string Version(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
