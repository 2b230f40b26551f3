using System.Text;
using SftpInteractive.Scripting.Debugging;

namespace SftpInteractive.Scripting.Tests.Debugging;

public sealed class DebugRewriterTests
{
    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    [Fact]
    public void Instrument_Statements_KeepTheirLinesAndGetASequencePointEach()
    {
        var code = "var total = 0;\nfor (var i = 0; i < 3; i++)\n    total += i;\ntotal";

        var instrumented = DebugRewriter.Instrument(code, "/tmp/cell.cs", "Cell 1");

        var lines = Lines(instrumented);
        Assert.Equal(4, lines.Length);
        Assert.Contains("DebugHooks.Enter(", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("var total = 0;", lines[0], StringComparison.Ordinal);
        Assert.Contains("new object[] { total }", lines[1], StringComparison.Ordinal); // before the for: total is assigned
        Assert.Contains("new object[] { total, i }", lines[2], StringComparison.Ordinal); // the body sees the loop variable
        Assert.EndsWith("total", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Instrument_EmbeddedStatementsAndExpressionBodies_RegisterTheirOwnLines()
    {
        var code = "int Twice(int n) =>\n    n * 2;\nfor (var i = 0; i < 3; i++)\n    i.ToString();\nswitch (1)\n{\n    case 1:\n        Twice(1);\n        break;\n}";

        var instrumented = DebugRewriter.Instrument(code, "/tmp/lines.cs", "Cell 1");

        var lines = Lines(instrumented);
        Assert.Equal(10, lines.Length);
        int LineOfHookOn(int line) => DebugSites.Statement(int.Parse(System.Text.RegularExpressions.Regex.Match(lines[line - 1], @"Step\((\d+),").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))!.Line;
        Assert.Equal(4, LineOfHookOn(4)); // the for's body, not where a synthesized block would put it
        Assert.Equal(8, LineOfHookOn(8)); // a switch section's statement
        Assert.Equal(2, DebugSites.Statement(int.Parse(System.Text.RegularExpressions.Regex.Match(instrumented, @"Enter\(\d+\); try \{\s*global::SftpInteractive\.Scripting\.Debugging\.DebugHooks\.Step\((\d+),").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))!.Line);
    }

    [Fact]
    public void Instrument_UnassignedAndRefLocals_AreNotRead()
    {
        var code = "int x;\nx = 1;\nvar a = new int[1];\nref int r = ref a[0];\nr++;";

        var instrumented = DebugRewriter.Instrument(code, "/tmp/cell.cs", "Cell 1");

        var last = Lines(instrumented)[4];
        Assert.Contains("new object[] { a }", last, StringComparison.Ordinal);
    }

    [Fact]
    public void Instrument_MethodsLambdasAndLocalFunctions_GetFramesWithTheirParameters()
    {
        var code = """
            int Twice(int n)
            {
                var d = n * 2;
                return d;
            }
            int Add(int a, int b) => a + b;
            System.Func<int, int> square = v => { return v * v; };
            """;

        var instrumented = DebugRewriter.Instrument(code, "/tmp/cell.cs", "Cell 1");

        Assert.Equal(7, Lines(instrumented).Length);
        Assert.Equal(3, CountOf(instrumented, "DebugHooks.Exit("));
        Assert.Contains("new object[] { n, d }", instrumented, StringComparison.Ordinal);
        Assert.Contains("return a + b;", instrumented, StringComparison.Ordinal);
        Assert.Contains("new object[] { v }", instrumented, StringComparison.Ordinal);
    }

    [Fact]
    public void InstrumentLibrary_InstanceMethod_PassesThisAndTheStateItsClassDeclares()
    {
        var code = """
            public class Account
            {
                private int count;
                public string Name { get; set; } = "";
                public int Twice => count * 2;
                private static int s_all;
                private const int Max = 3;
                public void Add(int n)
                {
                    count += n;
                }
                public static void Reset()
                {
                    s_all = 0;
                }
            }
            """;

        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code, cancellationToken: TestContext.Current.CancellationToken);
        var instrumented = DebugRewriter.InstrumentLibrary(tree, "/tmp/account.cs").ToString();

        // Fields and auto-properties (private too), not a computed property, a static or a const; a static method has no this.
        Assert.Contains("new object[] { this, this.count, this.Name, n }", instrumented, StringComparison.Ordinal);
        Assert.DoesNotContain("this.Twice", instrumented, StringComparison.Ordinal);
        Assert.Contains("Step(", Lines(instrumented)[13], StringComparison.Ordinal);
        Assert.DoesNotContain("this", Lines(instrumented)[13], StringComparison.Ordinal);
    }

    [Fact]
    public void Instrument_Iterator_IsLeftAlone()
    {
        var code = "System.Collections.Generic.IEnumerable<int> Count() { yield return 1; }";

        var instrumented = DebugRewriter.Instrument(code, "/tmp/cell.cs", "Cell 1");

        Assert.Equal(code, instrumented);
    }

    [Fact]
    public void Murmur2_MatchesJupyterLabsHash()
    {
        // Values computed with JupyterLab's packages/debugger/src/hash.ts and the seed debugInfo announces.
        Assert.Equal(194247924u, CellFiles.Murmur2(Encoding.UTF8.GetBytes("var x = 1;\nx + 1"), CellFiles.Seed));
        Assert.Equal(1157728574u, CellFiles.Murmur2(Encoding.UTF8.GetBytes("é€ cell"), CellFiles.Seed));
        Assert.Equal(2805137849u, CellFiles.Murmur2(Encoding.UTF8.GetBytes("ab"), CellFiles.Seed));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
