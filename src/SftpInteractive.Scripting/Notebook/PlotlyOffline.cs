using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace SftpInteractive.Scripting.Notebook;

/// <summary>
/// Plotly.NET charts that draw in a page read offline. Plotly.NET.Interactive's HTML loads require.js and plotly.js
/// from their CDNs, so a notebook exported with <c>jupyter nbconvert --to html</c> and opened without a network (or
/// where require.js is already on the page and resolves elsewhere) shows an empty box. As plotly.py's notebook
/// renderer does, the first chart of the session carries plotly.js itself (the copy the Plotly.NET package ships as
/// a resource, for its <c>PlotlyJSReference.Full</c>), and every chart draws with it when it is on the page, falling
/// back to the package's own loader when it is not. Charts after the first stay small: run the notebook top to bottom
/// before exporting, as with plotly.py.
/// </summary>
internal sealed partial class PlotlyOffline
{
    private const string PlotlyAssembly = "Plotly.NET";

    private int _scriptSent;

    /// <summary>The kernel process's session.</summary>
    public static PlotlyOffline Session { get; } = new();

    /// <summary>True when <paramref name="value"/> is a Plotly.NET chart.</summary>
    public static bool IsChart(object value) =>
        value.GetType().Assembly.GetName().Name == PlotlyAssembly && value.GetType().FullName?.StartsWith("Plotly.NET.GenericChart", StringComparison.Ordinal) == true;

    /// <summary>The chart's text form: its trace types (<c>[Plotly chart: bar, scatter]</c>), from the chart's
    /// HTML.</summary>
    public static string Text(string html)
    {
        // Only the data: the layout's default template names a style for every trace type there is.
        var data = DataLine().Match(html);
        var types = data.Success ? TraceType().Matches(data.Groups[1].Value).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList() : [];
        return types.Count == 0 ? "[Plotly chart]" : $"[Plotly chart: {string.Join(", ", types)}]";
    }

    /// <summary><paramref name="html"/>, the HTML Plotly.NET made for <paramref name="chart"/>, rewritten to draw
    /// with plotly.js from the page (and carrying it, the first time); null when it is not the loader this knows, or
    /// the package has no plotly.js inside (left as it is).</summary>
    public string? Rewrite(object chart, string html)
    {
        var open = html.IndexOf("<script type=\"text/javascript\">", StringComparison.Ordinal);
        var close = html.LastIndexOf("</script>", StringComparison.Ordinal);
        if (open < 0 || close < open || !html.Contains("requirejs.config({context:'fsharp-plotly'", StringComparison.Ordinal))
        {
            return null;
        }

        var body = html[(open + "<script type=\"text/javascript\">".Length)..close];
        var id = NewPlotId().Match(body);
        var data = Variable("data").Match(body);
        var layout = Variable("layout").Match(body);
        var config = Variable("config").Match(body);
        if (!id.Success || !data.Success || !layout.Success || !config.Success)
        {
            return null;
        }

        var script = new StringBuilder("<script type=\"text/javascript\">\n");
        if (Volatile.Read(ref _scriptSent) == 0 && ReadPlotlyJs(chart.GetType().Assembly) is { } plotlyJs && Interlocked.Exchange(ref _scriptSent, 1) == 0)
        {
            // define, module and exports hidden: with require.js on the page (nbconvert's template loads it) plotly.js
            // would register as an anonymous AMD module instead of setting window.Plotly.
            script.Append("if (!window.Plotly) { (function () { var define, module, exports;\n").Append(plotlyJs).Append("\n}).call(window); }\n");
        }

        script.Append("(function () {\n")
              .Append("if (window.Plotly) { window.Plotly.newPlot('").Append(id.Groups[1].Value).Append("', ")
              .Append(data.Groups[1].Value).Append(", ").Append(layout.Groups[1].Value).Append(", ").Append(config.Groups[1].Value).Append("); return; }\n")
              .Append(body.Trim()).Append("\n})();\n</script>");
        return html[..open] + script + html[(close + "</script>".Length)..];
    }

    private static string? ReadPlotlyJs(Assembly assembly)
    {
        var name = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = name is null ? null : assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();

        // Inside an HTML <script> element the text must not close it.
        return text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    private static Regex Variable(string name) => name switch
    {
        "data" => DataLine(),
        "layout" => LayoutLine(),
        _ => ConfigLine(),
    };

    [GeneratedRegex(@"Plotly\.newPlot\('([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex NewPlotId();

    [GeneratedRegex(@"^\s*var data = (.*);\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DataLine();

    [GeneratedRegex(@"^\s*var layout = (.*);\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LayoutLine();

    [GeneratedRegex(@"^\s*var config = (.*);\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ConfigLine();

    [GeneratedRegex("\"type\":\"([a-z0-9]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TraceType();
}
