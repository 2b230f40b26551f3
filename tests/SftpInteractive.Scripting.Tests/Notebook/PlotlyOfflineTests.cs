using SftpInteractive.Scripting.Notebook;

namespace SftpInteractive.Scripting.Tests.Notebook;

/// <summary>The HTML Plotly.NET.Interactive 6 writes for a chart (require.js and plotly.js from their CDNs), rewritten
/// to draw with plotly.js from the page first. The bootstrap that carries plotly.js itself needs the real package and
/// is tested end to end (ExportedPlotlyChartTests).</summary>
public sealed class PlotlyOfflineTests
{
    private const string Id = "c0a88917-68ed-499d-96db-36b476c2c2bb";

    private const string PackageHtml =
        "<div><div id=\"" + Id + "\"><!-- Plotly chart will be drawn inside this DIV --></div><script type=\"text/javascript\">\n" +
        "var renderPlotly_c0a8891768ed499d96db36b476c2c2bb = function() {\n" +
        "    var fsharpPlotlyRequire = requirejs.config({context:'fsharp-plotly',paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}}) || require;\n" +
        "    fsharpPlotlyRequire(['plotly'], function(Plotly) {\n" +
        "        var data = [{\"type\":\"bar\",\"x\":[\"North\",\"East\"],\"y\":[3.0,4.8]}];\n" +
        "        var layout = {\"title\":{\"text\":\"a; b\"},\"template\":{\"data\":{\"scatter\":[{\"type\":\"scatter\"}]}}};\n" +
        "        var config = {};\n" +
        "        Plotly.newPlot('" + Id + "', data, layout, config);\n" +
        "    });\n" +
        "};\n" +
        "renderPlotly_c0a8891768ed499d96db36b476c2c2bb();\n" +
        "</script></div>";

    [Fact]
    public void Rewrite_PackageHtml_DrawsWithThePagesPlotlyFirstAndKeepsTheLoader()
    {
        var html = new PlotlyOffline().Rewrite(new object(), PackageHtml);

        Assert.NotNull(html);
        Assert.StartsWith("<div><div id=\"" + Id + "\">", html, StringComparison.Ordinal);
        Assert.Contains(
            "if (window.Plotly) { window.Plotly.newPlot('" + Id + "', [{\"type\":\"bar\",\"x\":[\"North\",\"East\"],\"y\":[3.0,4.8]}], {\"title\":{\"text\":\"a; b\"},\"template\":{\"data\":{\"scatter\":[{\"type\":\"scatter\"}]}}}, {}); return; }",
            html, StringComparison.Ordinal);
        Assert.Contains("requirejs.config({context:'fsharp-plotly'", html, StringComparison.Ordinal);
        Assert.EndsWith("})();\n</script></div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("var define, module, exports", html, StringComparison.Ordinal); // no plotly.js in this assembly
    }

    [Theory]
    [InlineData("<div>a chart of someone else's</div>")]
    [InlineData("<script type=\"text/javascript\">requirejs.config({context:'fsharp-plotly'});</script>")]
    public void Rewrite_OtherHtml_LeftAsItIs(string html) => Assert.Null(new PlotlyOffline().Rewrite(new object(), html));

    [Theory]
    [InlineData(PackageHtml, "[Plotly chart: bar]")]
    [InlineData("var data = [{\"type\":null}];", "[Plotly chart]")]
    [InlineData("no chart here", "[Plotly chart]")]
    public void Text_NamesTheTraceTypes(string html, string expected) => Assert.Equal(expected, PlotlyOffline.Text(html));
}
