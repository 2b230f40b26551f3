using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Notebooks;

public sealed class NotebookParametersTests
{
    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("3000000000", "3000000000L")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e3", "1000.0")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("North", "\"North\"")]
    [InlineData("say \"hi\"\\now", "\"say \\\"hi\\\"\\\\now\"")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("", "\"\"")]
    [InlineData("NaN", "\"NaN\"")]
    public void Literal_TypedAsPapermillDoes(string value, string literal) => Assert.Equal(literal, NotebookParameters.Literal(value));

    [Fact]
    public void Inject_AfterTheParametersCell_TaggedInjected()
    {
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("markdown", "# Report"));
        var parameters = new NotebookCell("csharp", "var region = \"South\";\nvar days = 7;");
        parameters.Tags.Add("parameters");
        document.Cells.Add(parameters);
        document.Cells.Add(new NotebookCell("csharp", "region"));
        NotebookParameters.Inject(document, [new("region", "North"), new("days", "30")]);
        var injected = document.Cells[2];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("var region = \"North\";\nvar days = 30;", injected.Source);

        NotebookParameters.Inject(document, [new("region", "East")]); // a second run replaces the injected cell
        Assert.Equal(4, document.Cells.Count);
        Assert.Equal("var region = \"East\";", document.Cells[2].Source);
    }

    [Fact]
    public void Inject_NoParametersCell_AtTheTop()
    {
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("csharp", "1"));
        NotebookParameters.Inject(document, [new("n", "1")]);
        Assert.Equal("var n = 1;", document.Cells[0].Source);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("class")]
    [InlineData("a-b")]
    public void Inject_NameNotAnIdentifier_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => NotebookParameters.Inject(new NotebookDocument(), [new(name, "1")]));
}
