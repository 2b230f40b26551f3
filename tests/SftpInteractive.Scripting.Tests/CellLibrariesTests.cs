using Microsoft.CodeAnalysis.CSharp;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

/// <summary>A cell's declarations compiled as a library (<see cref="CellSplitter"/>, <see cref="CellLibraries"/>),
/// without the engine around them (which would fall back to a script for plain types and hide a failure).</summary>
public sealed class CellLibrariesTests
{
    [Fact]
    public void Build_TypeWithADocComment_IsPublicAndKeepsItsDocs()
    {
        var cell = CellSplitter.Split("var x = 1;\n/// <summary>Someone with an age.</summary>\nclass Person { public int Age; }\nx + 1")!;
        Assert.False(cell.NeedsLibrary);
        Assert.Equal("var x = 1;\n" + new string(' ', 43) + "\n" + new string(' ', 32) + "\nx + 1", cell.Script);

        var build = new CellLibraries().Build(cell, [.. ScriptDefaults.References], TestContext.Current.CancellationToken);

        Assert.Null(build.Failure);
        var compilation = CSharpCompilation.Create("probe", [], [.. ScriptDefaults.References, build.Visible[^1].Reference]);
        var person = compilation.GetTypeByMetadataName("Person")!;
        Assert.Equal(Microsoft.CodeAnalysis.Accessibility.Public, person.DeclaredAccessibility);
        Assert.Contains("Someone with an age.", person.GetDocumentationCommentXml(cancellationToken: TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_InsertedModifiers_MapBackToTheCell()
    {
        var cell = CellSplitter.Split("class A { }\ninternal class B { }\nnamespace N { class C { } }")!;
        Assert.Equal("public class A { }\npublic   class B { }\nnamespace N { public class C { } }", cell.Library);
        Assert.Equal(0, cell.ToCellPosition(0));    // inside the first inserted "public "
        Assert.Equal(0, cell.ToCellPosition(7));    // "class" of A
        Assert.Equal(47, cell.ToCellPosition(56));  // inside the second inserted "public "
        Assert.Equal(47, cell.ToCellPosition(61));  // "class" of C, after two insertions
    }
}
