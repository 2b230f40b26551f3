using SftpInteractive.Kernel.Execution;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Tests.Execution;

public sealed class MimeBundleTests
{
    [Fact]
    public void MimeBundle_JsonPartIsAJsonValue_OtherPartsStrings()
    {
        var rendered = DisplayRenderer.Render(new ScriptGlobals().Json(new { a = 1 }));

        var data = KernelDisplaySink.MimeBundle(rendered);

        Assert.Equal(1, data["application/json"]!["a"]!.GetValue<int>());
        Assert.Equal("{\n  \"a\": 1\n}", data["text/plain"]!.GetValue<string>().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MimeBundle_JsonNull_LeavesOnlyText()
    {
        var data = KernelDisplaySink.MimeBundle(DisplayRenderer.Render(new ScriptGlobals().Json("null")));

        Assert.Equal(["text/plain"], data.Select(p => p.Key));
    }

    [Fact]
    public void MimeBundle_PlainValue_TextAndHtmlAsBefore()
    {
        var data = KernelDisplaySink.MimeBundle(new RenderedValue("42", "<pre>42</pre>", 42));

        Assert.Equal(["text/plain", "text/html"], data.Select(p => p.Key));
    }
}
