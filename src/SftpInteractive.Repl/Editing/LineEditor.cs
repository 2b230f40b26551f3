using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>
/// The prompt's editor over raw keys: a multi-line submission highlighted as it is typed, a completion menu under the
/// cursor, signature help in argument lists, history (Up/Down, Ctrl+R), Enter submitting once the code is complete.
/// Keys are handled at once under one lock; the engine's answers (classification, completions, docs) arrive on other
/// threads and are drawn only while the text they were asked for is still there, so a slow answer never blocks typing
/// and a stale one is dropped. The state is drawn by <see cref="EditorView"/>.
/// </summary>
internal sealed partial class LineEditor
{
    public const string Prompt = "sftpi> ";
    public const string ContinuationPrompt = "  ...> ";

    /// <summary>The keys, for <c>#help</c> and the README.</summary>
    public static readonly IReadOnlyList<(string Keys, string What)> Keys =
    [
        ("Tab", "open the completion menu (a single match is inserted); in the menu: Tab or Enter accepts"),
        ("Up / Down", "move in the menu, between the lines of a submission, then through history (kept across runs)"),
        ("Esc", "close the menu or signature help; otherwise clear the submission"),
        ("Enter", "submit when the code is complete, otherwise start a new line (indented after {)"),
        ("Shift+Enter / Alt+Enter", "start a new line"),
        ("Home / End, Ctrl+A / Ctrl+E", "start (first non-blank) and end of the line"),
        ("Ctrl+Left / Ctrl+Right", "previous / next word"),
        ("Ctrl+R", "search history (Ctrl+R again: older; Enter takes it; Esc goes back)"),
        ("Ctrl+U / Ctrl+W", "delete to the line's start / the word before the cursor"),
        ("Ctrl+L", "clear the screen"),
        ("Ctrl+C", "cancel the running command / clear the submission"),
        ("Ctrl+D", "leave (on an empty prompt)"),
        ("Paste", "goes in whole as one submission (bracketed paste); Enter runs it"),
    ];

    private readonly ITerminal _terminal;
    private readonly KeyReader _keys;
    private readonly ReplHistory _history;
    private readonly IInteractiveEngineAccess _engine;
    private readonly RedactingWriter _notices;
    private readonly EditorView _view;
    private readonly Lock _screen = new();
    private LineBuffer? _buffer;
    private string _classifiedText = string.Empty;
    private IReadOnlyList<ClassifiedRange> _classified = [];
    private CancellationTokenSource? _classifying;
    private CompletionMenu? _menu;
    private SignatureHelp? _signature;
    private HistorySearch? _search;
    private int _historyIndex;
    private (int Start, string Before)? _completionAnchor;
    private int _completionRequests;
    private bool _typed;
    private bool _docWanted;
    private bool _remoteRefresh;
    private bool _signatureWanted;
    private string _draft = string.Empty;

    public LineEditor(ITerminal terminal, ReplHistory history, IInteractiveEngineAccess engine, RedactingWriter notices, Palette palette)
    {
        (_terminal, _history, _engine, _notices) = (terminal, history, engine, notices);
        _keys = new KeyReader(terminal);
        _view = new EditorView(terminal, palette);
        terminal.Resized += (_, _) =>
        {
            lock (_screen)
            {
                if (_buffer is not null)
                {
                    _view.Resized();
                }
            }
        };
    }

    /// <summary>Prints a message above the submission being edited (background connect finished) and redraws it.</summary>
    public void Notify(string message)
    {
        lock (_screen)
        {
            if (_buffer is not null)
            {
                _view.Clear();
            }
            else
            {
                _terminal.Write("\r\x1b[K");
            }

            _notices.Write(message.ReplaceLineEndings("\r\n") + "\r\n");
            _notices.Drain();
            Draw();
        }
    }

    /// <summary>Reads one complete submission, or null when the user leaves (Ctrl+D on an empty prompt).</summary>
    public async Task<string?> ReadSubmissionAsync(CancellationToken cancellationToken)
    {
        lock (_screen)
        {
            Start();
        }

        try
        {
            return await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_screen)
            {
                _terminal.Write(KeyReader.DisablePaste); // the submission runs, or the editor is left: pastes unmarked
            }
        }
    }

    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (key, paste) = _keys.Read();
            Outcome outcome;
            string text;
            lock (_screen)
            {
                outcome = paste is null ? Handle(key) : Paste(paste);
                text = _buffer!.Text;
                if (outcome == Outcome.Edited && !_terminal.KeyAvailable)
                {
                    AfterBurst();
                    Draw();
                }
            }

            switch (outcome)
            {
                case Outcome.Exit:
                    Finish(string.Empty, "\r\n");
                    return null;
                case Outcome.Clear:
                    Finish(text, "^C\r\n");
                    lock (_screen)
                    {
                        Start();
                    }

                    continue;
                case Outcome.Enter:
                    break;
                default:
                    continue;
            }

            var single = !text.Contains('\n', StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(text) && single)
            {
                continue;
            }

            if ((single && ReplDirectives.IsDirective(text)) || await _engine.IsCompleteAsync(text, cancellationToken).ConfigureAwait(false))
            {
                Finish(text, string.Empty);
                return text;
            }

            lock (_screen)
            {
                _buffer!.NewLine();
                Draw();
            }
        }
    }

    private void Start()
    {
        _terminal.Write(KeyReader.EnablePaste);
        _buffer = new LineBuffer();
        (_menu, _signature, _search) = (null, null, null);
        _historyIndex = _history.Entries.Count;
        _draft = string.Empty;
        _view.Forget();
        Draw();
    }

    private void Finish(string text, string suffix)
    {
        lock (_screen)
        {
            _classifying?.Cancel();
            (_menu, _signature, _search) = (null, null, null);
            if (_buffer is not null)
            {
                _buffer.BufferEnd();
                _view.Draw(Frame(), final: true);
            }

            if (suffix.Length > 0)
            {
                // The final frame ended with a line break; ^C goes on the submission's last row as before.
                _terminal.Write("\x1b[1A\x1b[" + (Prompt.Length + LastLineLength(text)) + "C" + suffix);
            }

            _buffer = null;
        }
    }

    private static int LastLineLength(string text) => text.Length - (text.LastIndexOf('\n') + 1);

    private void Draw()
    {
        if (_buffer is null)
        {
            return;
        }

        _view.Draw(Frame());
    }

    private EditorView.Frame Frame()
    {
        var buffer = _buffer!;
        var text = buffer.Text;
        var kinds = EditorView.KindsOf(text, _classifiedText, _classified);
        return new EditorView.Frame(text, buffer.Cursor, kinds, Below(text, buffer.Cursor));
    }

    private List<string> Below(string text, int cursor)
    {
        var width = _view.Width;
        var palette = _view.Palette;
        var lines = new List<string>();
        if (_search is { } search)
        {
            lines.Add(palette.Paint(EditorView.Clip($"(history search) '{search.Query}'" + (search.Match is null && search.Query.Length > 0 ? ": no match" : string.Empty), width), "search"));
        }
        else if (_menu is { } menu)
        {
            lines.AddRange(MenuLines(menu, text, cursor, width));
        }
        else if (_signature is { } signature && SignatureHelp.CallAt(text, cursor) is { } call && call.OpenParen == signature.OpenParen)
        {
            lines.AddRange(signature.Render(call.Argument, palette, width));
        }

        return lines;
    }

    private enum Outcome
    {
        None,
        Edited,
        Enter,
        Clear,
        Exit,
    }
}
