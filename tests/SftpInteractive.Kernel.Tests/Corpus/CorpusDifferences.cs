using static SftpInteractive.Kernel.Tests.Corpus.CorpusDifference;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>
/// The documented differences between our kernel and the .NET Interactive engine (1.0.712001) on the Polyglot corpus:
/// four general rules (<see cref="CorpusVerdict"/> applies them to every cell) and the cells listed in
/// <see cref="Cells"/>. Everything else must match the engine cell for cell. Keep this list short: each entry is a
/// place where a Polyglot user sees something different.
/// </summary>
internal static class CorpusDifferences
{
    /// <summary>General rules, in the words the test output uses.</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "R1 text/plain beside rich output: ours may add text/plain to a bundle that has other kinds; the engine often "
        + "sends text/html alone, ours sends a real text/plain beside every rich bundle (DESIGN.md, Display).",
        "R2 compiler warnings: stream:stderr is left out of the comparison on a side whose stderr starts with a C# "
        + "warning (the engine warns CS1701 about its own Microsoft.AspNetCore.Html.Abstractions reference, and CS0618 "
        + "for the obsolete MathString).",
        "R3 #r \"nuget:\" cells compare outcome only: the restore report is the host's own chrome (the engine shows an "
        + "HTML 'Installed Packages' list and extension notices), not the notebook's values.",
        "R4 the engine's bootstrap script: with the first formatted output of a session the engine sends a text/html "
        + "display of its own (a script finding the output cell in VS Code, element id dotnet-interactive-this-cell-...); "
        + "the harness leaves it out.",
        "HTML views: where the engine's HTML is a table, a Plotly chart or a Mermaid diagram, ours must be one too (a "
        + "<pre> dump of the value's text is text/html as well, but not the same view).",
        "Outputs are compared as the set of distinct outputs by kinds (each display or result's MIME types; one per "
        + "stream written to), so a missing '#!time' wall-time line or an HTML view where the engine shows plain text "
        + "counts, however many times each kind was shown.",
    ];

    private static readonly IReadOnlyList<string> None = [];
    private static readonly IReadOnlyList<string> Plain = ["text/plain"];
    private static readonly IReadOnlyList<string> Html = ["text/html"];

    private const string ScriptLimit = "The engine compiles cells as C# script, which refuses extension methods in "
        + "script classes (CS1109) and namespaces (CS7021), and so every cell using them; a cell in ours is full C# "
        + "(issue #20, 'A cell is full C#').";

    private const string FSharpCore = "The engine fails: Plotly.NET 6 needs FSharp.Core 10.1, which the engine (it "
        + "loads its own older FSharp.Core for its F# kernel) cannot load (FileNotFoundException). Ours runs the chart "
        + "and shows it through Plotly.NET.Interactive's formatter as HTML.";

    private const string OtherLanguage = "The engine runs this language in a kernel of its own; a C# kernel cannot, "
        + "and says so in one line instead of a C# compiler error about '#'.";

    /// <summary>The listed cells.</summary>
    public static readonly IReadOnlyList<CorpusDifference> Cells =
    [
        new("03-html-and-pocketview.ipynb", 11, "#!javascript", "The engine fails: its JavaScript kernel lives in "
            + "the front end and is reached over the engine's HTTP API, which a Jupyter client such as nbclient does "
            + "not connect (TimeoutException). Ours sends the script as output, as the engine's own Javascript(...) does.",
            Expect.Run) { Alternatives = [Html, ["application/javascript"]] },

        new("03-html-and-pocketview.ipynb", 12, "#!markdown", "The engine renders the Markdown to HTML itself; ours "
            + "sends it as text/markdown (its text beside it), which every Jupyter front end renders and which reads as "
            + "the author wrote it in a viewer or an export without a renderer.", Expect.Run) { Alternatives = [["text/markdown"]] },

        new("04-math-and-magics.ipynb", 2, "using Microsoft.DotNet.Interactive.Jupyter.Formatting;", "The engine shows "
            + "MathString's properties as an HTML table (this version registers no formatter for the obsolete type in its "
            + "Jupyter kernel); ours renders the math, as the engine's LaTeXString does and as MathString was meant to.",
            Expect.Run) { Alternatives = [["text/latex"]] },

        new("04-math-and-magics.ipynb", 14, "#!fsharp", OtherLanguage, Expect.Unsupported),
        new("04-math-and-magics.ipynb", 15, "#!pwsh", OtherLanguage, Expect.Unsupported),
        new("04-math-and-magics.ipynb", 16, "#!value --name notes", "The engine keeps the text in its value kernel for "
            + "#!share; ours has no value kernel and says so in one line.", Expect.Unsupported),

        new("05-full-csharp.ipynb", 1, "public static class StringExtensions", ScriptLimit, Expect.Run) { Alternatives = [None] },
        new("05-full-csharp.ipynb", 2, "\"hello\".Shout() + \" \" + 21.Twice()", ScriptLimit, Expect.Run) { Alternatives = [Plain] },
        new("05-full-csharp.ipynb", 3, "namespace Corpus.Geometry", ScriptLimit, Expect.Run) { Alternatives = [None] },
        new("05-full-csharp.ipynb", 4, "new Corpus.Geometry.Point(3, 4).Length", ScriptLimit, Expect.Run) { Alternatives = [Html] },
        new("05-full-csharp.ipynb", 5, "using Corpus.Geometry;", ScriptLimit, Expect.Run) { Alternatives = [Html] },

        new("06-packages.ipynb", 7, "using Plotly.NET.CSharp;", FSharpCore, Expect.Run) { Alternatives = [Html], HtmlFeatures = ["plotly"] },
        new("06-packages.ipynb", 8, "var line = Chart.Line<double, double, string>(x: xs, y: ys, Name: \"primes\");", FSharpCore, Expect.Run)
        {
            Alternatives = [Html],
            HtmlFeatures = ["plotly"],
        },
    ];

    /// <summary>The entry for a cell, or null.</summary>
    public static CorpusDifference? For(string notebook, int cell) =>
        Cells.SingleOrDefault(d => d.Notebook == notebook && d.Cell == cell);
}
