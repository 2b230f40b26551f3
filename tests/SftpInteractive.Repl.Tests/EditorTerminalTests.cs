using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>The prompt's editor in a real terminal (tmux), read with its colours: highlighting, the completion menu
/// and its doc line, signature help, multi-line editing, Ctrl+R, paste, remote paths in the menu. Every wait is on
/// what the screen shows.</summary>
public sealed class EditorTerminalTests
{
    private const string Esc = "\x1b";

    private static TmuxSession StartOffline()
    {
        var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", new Dictionary<string, string>
        {
            ["SFTPI_HISTORY"] = Path.Combine(Path.GetTempPath(), "sftpi-editor-history-" + Guid.NewGuid().ToString("N")),
        });
        tmux.WaitForPrompt();
        return tmux;
    }

    [Fact]
    public void Highlighting_LineAsTyped_KeywordsTypesNumbersStringsCommentsAndVerbsInTheirColours()
    {
        using var tmux = StartOffline();
        tmux.Type("var n = Math.Max(42, 7); Ls(\"/\"); // the answer");
        var screen = tmux.WaitForColors(s => s.Contains($"{Esc}[36mMath", StringComparison.Ordinal), "Math in the type colour (Roslyn's classifier)");
        Assert.Contains($"{Esc}[34mvar", screen, StringComparison.Ordinal);      // keyword: blue
        Assert.Contains($"{Esc}[35m42", screen, StringComparison.Ordinal);       // number: magenta
        Assert.Contains($"{Esc}[32m\"/\"", screen, StringComparison.Ordinal);    // string: green
        Assert.Contains($"{Esc}[90m// the answer", screen, StringComparison.Ordinal); // comment: grey
        Assert.Matches(@"\x1b\[1m\x1b\[36mLs|\x1b\[1;36mLs", screen);          // a verb of the helper: bold cyan
    }

    [Fact]
    public void CompletionMenu_AfterDot_ShowsKindsFiltersAndTheSelectedItemsSignature_TabAccepts()
    {
        using var tmux = StartOffline();
        tmux.Type("Math.");
        tmux.WaitFor(s => s.Contains("Abs", StringComparison.Ordinal) && s.Contains("method", StringComparison.Ordinal), "the menu under Math.");
        tmux.Type("Ma");
        var screen = tmux.WaitFor(s => s.Contains("MaxMagnitude", StringComparison.Ordinal) && s.Contains("Math.Max(", StringComparison.Ordinal) && !s.Contains("Abs ", StringComparison.Ordinal),
            "the menu filtered to Ma… with Max's signature below");
        Assert.Contains("overloads", screen, StringComparison.Ordinal);
        var menuRow = screen.Split('\n').First(l => l.Contains("MaxMagnitude", StringComparison.Ordinal));
        Assert.Contains("method", menuRow, StringComparison.Ordinal);
        tmux.Press("Down");
        tmux.WaitFor(s => s.Contains("Math.MaxMagnitude(", StringComparison.Ordinal), "the doc line of the second item");
        tmux.Press("Tab");
        screen = tmux.WaitFor(s => s.Contains("sftpi> Math.MaxMagnitude", StringComparison.Ordinal) && !s.Contains("method", StringComparison.Ordinal), "the accepted item, menu closed");
        tmux.Type("(-3, 2)");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n-3", StringComparison.Ordinal), "the result -3");
    }

    [Fact]
    public void SignatureHelp_AfterOpenParenAndComma_ShowsOverloadsWithTheCurrentParameterMarked()
    {
        using var tmux = StartOffline();
        tmux.Type("Math.Max(");
        // The current parameter is underlined (SGR 4, alone or with bold as tmux writes it).
        tmux.WaitForColors(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"Math\.Max\(\x1b\[[0-9;]*4m(\x1b\[[0-9;]*m)*byte val1"), "Max's overloads with val1 marked");
        tmux.Type("1, ");
        var screen = tmux.WaitForColors(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"Math\.Max\(byte val1, \x1b\[[0-9;]*4m(\x1b\[[0-9;]*m)*byte val2"),
            "the second parameter marked after the comma");
        Assert.True(screen.Split('\n').Count(l => l.Contains("Math.Max(", StringComparison.Ordinal)) >= 3, "several overloads are listed");
        // The framework's docs (the SDK's reference pack): the summary, then the current parameter's own doc.
        tmux.WaitFor(s => s.Contains("Returns the larger of two 8-bit unsigned integers.", StringComparison.Ordinal) &&
                          s.Contains("val2: The second of two 8-bit unsigned integers to compare.", StringComparison.Ordinal), "val2's own doc below the summary");
    }

    [Fact]
    public void MultiLine_AltEnterNewLines_UpMovesBetweenLines_EditThenEnterSubmitsTheWhole()
    {
        using var tmux = StartOffline();
        tmux.Type("var total = 0;");
        tmux.Press("M-Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.TrimEnd() == "  ...>"), "a second line"); // tmux trims the trailing space
        tmux.Type("for (var i = 1; i <= 3; i++)");
        tmux.Press("M-Enter");
        tmux.Type("{");
        tmux.Press("Enter"); // incomplete: a new line, indented after {
        tmux.WaitFor(s => s.Contains("  ...> {\n  ...>     ", StringComparison.Ordinal) || s.Split('\n').Count(l => l.StartsWith("  ...>", StringComparison.Ordinal)) == 3, "an indented third line");
        tmux.Type("total += i;");
        tmux.Press("Enter");
        tmux.Type("}");
        tmux.WaitFor(s => s.Contains("  ...> }", StringComparison.Ordinal), "the closing brace stepped back");
        tmux.Press("Up", "Up", "Up", "Up", "End", "BSpace", "BSpace");
        tmux.Type("100;");
        tmux.WaitForText("sftpi> var total = 100;");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        tmux.Type("total");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n106", StringComparison.Ordinal), "the result 106 of the edited submission");
    }

    [Fact]
    public void CtrlR_SearchesHistoryIncrementally_EnterTakesTheMatch()
    {
        using var tmux = StartOffline();
        tmux.Type("\"found \" + (7 * 6)");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        tmux.Type("1 + 1");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        tmux.Press("C-r");
        tmux.Type("fou");
        tmux.WaitFor(s => s.Contains("(history search) 'fou'", StringComparison.Ordinal) && s.Contains("sftpi> \"found \" + (7 * 6)", StringComparison.Ordinal), "the match of 'fou'");
        tmux.Press("Enter");
        tmux.WaitFor(s => !s.Contains("(history search)", StringComparison.Ordinal), "the search closed with the match kept");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Count(l => l.Trim() == "found 42") == 2, "the found entry run again");
    }

    [Fact]
    public void Paste_MultiLineText_IsOneSubmission()
    {
        using var tmux = StartOffline();
        tmux.Paste("var p1 = 20;\nvar p2 = 22;\np1 + p2");
        tmux.WaitFor(s => s.Contains("  ...> p1 + p2", StringComparison.Ordinal), "the pasted lines in one submission");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n42", StringComparison.Ordinal), "the result of the whole paste");
    }

    [Fact]
    public void BracketedPaste_EndingInALineBreak_WaitsInTheEditorUntilEnter()
    {
        // Without bracketed paste the last line break arrives after the burst and runs the paste at once (42), so the
        // text typed next becomes a submission of its own.
        using var tmux = StartOffline();
        tmux.Paste("var q1 = 20;\nvar q2 = 22;\n\tq1 + q2\n");
        tmux.WaitFor(s => s.Contains("  ...>     q1 + q2", StringComparison.Ordinal), "the pasted lines in the editor, the tab as spaces");
        tmux.Type(" + 1000");
        tmux.WaitFor(s => s.Contains("q1 + q2 + 1000", StringComparison.Ordinal), "the typed text on the pasted last line");
        tmux.Press("Enter");
        var screen = tmux.WaitFor(s => s.Contains("\n1042", StringComparison.Ordinal), "the result of the paste and the typed text");
        Assert.DoesNotContain(screen.Split('\n'), l => l.Trim() == "42");
    }

    [Fact]
    public void BracketedPaste_CodeWithDotsAndParens_OpensNoMenuAndTypingAfterItWorks()
    {
        using var tmux = StartOffline();
        tmux.Paste("var m = Math.Max(3,\n    4);\nm.");
        tmux.WaitFor(s => s.Contains("  ...> m.", StringComparison.Ordinal), "the paste in the editor");
        tmux.Type("ToString()");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "4"), "the result of the pasted and typed code");
    }

    [Fact]
    public void CompletionMenu_InsideAVerbsString_ListsRemoteEntriesWithTypeAndSize()
    {
        var server = TestServer.Require("password");
        using var tmux = TmuxSession.Start($"{Tool.Executable} --env-file {server.EnvFile("password")}", new Dictionary<string, string>
        {
            ["SFTPI_HISTORY"] = Path.Combine(Path.GetTempPath(), "sftpi-editor-history-" + Guid.NewGuid().ToString("N")),
        });
        tmux.WaitForText("connected to");
        tmux.WaitForPrompt();
        tmux.Type($"Head(\"{server.DataRoot}/WMR_Spots/");
        tmux.Press("Tab");
        var screen = tmux.WaitFor(s => s.Contains("remote-directory", StringComparison.Ordinal) || s.Contains("remote-file", StringComparison.Ordinal), "remote entries in the menu");
        Assert.Contains("Central/", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void CompletionMenu_DotTypedInABurst_OpensFilteredToTheNameTyped()
    {
        // The keys arrive together (one write to the terminal): the menu follows the text, not the keys' timing.
        using var tmux = StartOffline();
        tmux.Type("1");
        tmux.Press("Enter");
        tmux.WaitForPrompt(); // the engine is warm: the menu's answer comes while the keys are still being handled
        tmux.Type("Math.Ma");
        var screen = tmux.WaitFor(s => s.Contains("MaxMagnitude", StringComparison.Ordinal) && s.Contains("method", StringComparison.Ordinal),
            "the menu under Math.Ma");
        Assert.DoesNotContain("Abs ", screen, StringComparison.Ordinal);
        tmux.Type("xM");
        tmux.WaitFor(s => s.Contains("MaxMagnitude", StringComparison.Ordinal) && !s.Contains("MinMagnitude", StringComparison.Ordinal), "the menu filtered further");
        tmux.Press("Tab");
        tmux.Type("(-3, 2)");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n-3", StringComparison.Ordinal), "the result -3");
    }

    [Fact]
    public void Resize_WhileEditingALongLine_RedrawsItOnceAtTheNewWidth()
    {
        // Output above the prompt, so the terminal's re-wrap pushes the line's first row up on the screen (at the top
        // of the screen it goes to the scrollback, and a redraw from the cursor's row looks right by chance). Three
        // resizes, narrower, wider, narrower: the width read in the resize signal's redraw was once .NET's cached one
        // from before the resize (about one resize in three), which left a stale copy of the line's first row above.
        using var tmux = StartOffline();
        tmux.Type("\"above\"");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        var code = "\"" + new string('a', 40) + "\" + \"" + new string('b', 40) + "\"";
        tmux.Type(code);
        tmux.WaitForText(new string('b', 40));
        var expected = new string('a', 40) + new string('b', 40);
        foreach (var (width, piece) in new[] { (60, "c"), (100, "d"), (45, "e") })
        {
            tmux.Resize(width, 40);
            // A key after the resize: the screen then shows a frame the editor drew at the new width (the terminal's own
            // re-wrap alone shows one prompt too), whether the resize signal's redraw or the key's came first.
            tmux.Type($" + \"{piece}\"");
            expected += piece;
            var screen = tmux.WaitFor(s => s.Split('\n').All(l => l.TrimEnd().Length <= width) && s.Replace("\n", string.Empty, StringComparison.Ordinal).Contains($"\" + \"{piece}\"", StringComparison.Ordinal),
                $"the line wrapped at {width} columns");
            var prompts = screen.Split('\n').Count(l => l.StartsWith("sftpi> \"aaaa", StringComparison.Ordinal));
            Assert.True(prompts == 1, $"at {width} columns the line's first row shows {prompts} times:\n{screen}");
        }

        tmux.Press("Enter");
        tmux.WaitFor(s => s.Replace("\n", string.Empty, StringComparison.Ordinal).Contains(expected, StringComparison.Ordinal), "the result of the edited line");
    }
}
