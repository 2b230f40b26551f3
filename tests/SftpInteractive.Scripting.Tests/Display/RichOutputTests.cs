namespace SftpInteractive.Scripting.Tests.Display;

public sealed class RichOutputTests
{
    private static async Task<RenderedValue> Value(ScriptEngine engine, string code)
    {
        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken));
        return result.Rendered!;
    }

    [Fact]
    public async Task Markdown_BundleHasMarkdownAndSourceAsText()
    {
        await using var engine = new ScriptEngine();
        var rendered = await Value(engine, "Markdown(\"# Title\\n*bold*\")");

        Assert.Equal("# Title\n*bold*", rendered["text/markdown"]);
        Assert.Equal("# Title\n*bold*", rendered.Text);
        Assert.Null(rendered.Html);
        Assert.Equal(["text/plain", "text/markdown"], rendered.Bundle.Select(p => p.MimeType));
    }

    [Fact]
    public async Task Html_BundleHasTheFragmentAndTextWithoutTags()
    {
        await using var engine = new ScriptEngine();
        var rendered = await Value(engine, "Html(\"<b>bold</b> &amp; <i>brave</i>\")");

        Assert.Equal("<b>bold</b> &amp; <i>brave</i>", rendered.Html);
        Assert.Equal("bold & brave", rendered.Text);
    }

    [Fact]
    public async Task Json_ObjectSerializedAndPrettyPrinted_InvalidTextRefused()
    {
        await using var engine = new ScriptEngine();
        var rendered = await Value(engine, "Json(new { name = \"wmr\", count = 3 })");
        var failure = Assert.IsType<SubmissionResult.Failure>(await engine.ExecuteAsync("Json(\"{not json\")", new RecordingSink(), TestContext.Current.CancellationToken));

        Assert.Equal("{\"name\":\"wmr\",\"count\":3}", rendered["application/json"]);
        Assert.Equal("{\n  \"name\": \"wmr\",\n  \"count\": 3\n}", rendered.Text.ReplaceLineEndings("\n"));
        Assert.Contains("not valid JSON", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Svg_BundleHasSvgAndTextSaysWhatItIs()
    {
        await using var engine = new ScriptEngine();
        var rendered = await Value(engine, "Svg(\"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>\")");

        Assert.StartsWith("<svg", rendered["image/svg+xml"], StringComparison.Ordinal);
        Assert.StartsWith("[SVG image, ", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_XmlDeclarationAndDoctype_OnlyTheSvgElementIsKept()
    {
        // ScottPlot's GetSvgXml starts with an XML declaration, which makes nbconvert's HTML export fail.
        var svg = new SvgContent("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE svg>\n<svg xmlns='http://www.w3.org/2000/svg'/>");

        Assert.Equal("<svg xmlns='http://www.w3.org/2000/svg'/>", Assert.Single(svg.ToMimeParts(), p => p.MimeType == MimeTypes.Svg).Content);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>")]
    [InlineData("<svg width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>")]
    public void Svg_AlsoAnHtmlImageOfTheSameDrawing_WithItsNamespace(string markup, string imageFile)
    {
        // Debian 12's nbconvert 6.5 keeps an SVG output's <svg> element and drops every shape inside it: notebook 03's
        // chart exported as an empty box. Exporters and notebooks prefer text/html, which nbconvert leaves as it is.
        var parts = new SvgContent(markup).ToMimeParts();

        var html = Assert.Single(parts, p => p.MimeType == MimeTypes.Html).Content;
        Assert.StartsWith("<img alt=\"[SVG image, ", html, StringComparison.Ordinal);
        var base64 = html[(html.IndexOf("base64,", StringComparison.Ordinal) + 7)..html.LastIndexOf('"')];
        Assert.Equal(imageFile, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        Assert.Equal(markup, Assert.Single(parts, p => p.MimeType == MimeTypes.Svg).Content);
    }

    [Fact]
    public void Render_Secrets_RedactedInEveryTextPart()
    {
        const string secret = "Rich-Output-Secret-5521";
        Redactor.Register(secret);
        var globals = new ScriptGlobals();

        var parts = new[] { globals.Markdown(secret), (object)globals.Json(new { secret }), globals.Svg($"<svg>{secret}</svg>"), globals.Html(secret) }
            .SelectMany(v => DisplayRenderer.Render(v).Bundle);

        Assert.All(parts, p => Assert.DoesNotContain(secret, p.Content, StringComparison.Ordinal));
    }
}
