using SftpInteractive.Scripting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SftpInteractive.Repl;

/// <summary>
/// Where a submission's output goes in the terminal: text and tables through the console (whose output is the host's
/// redacting boundary, <see cref="RedactingWriter"/>), and displays with an id redrawn in place (progress) as long as
/// nothing else was written below them.
/// </summary>
internal sealed class ReplSink : IDisplaySink
{
    // Title, top border, header, header rule, "… more rows" line, bottom border, a two-line caption, the next prompt.
    private const int TableChromeLines = 9;

    private readonly IAnsiConsole _console;
    private readonly bool _interactive;
    private readonly Lock _lock = new();
    private readonly TextWriter? _notices;
    private string? _lastId;
    private int _lastLines;

    public ReplSink(IAnsiConsole console, bool interactive, PromptHandler? prompt, TextWriter? notices = null)
    {
        _console = console;
        _interactive = interactive;
        _notices = notices;
        Prompt = prompt;
        StandardOutput = new SinkWriter(this, console.Profile.Out.Writer);
        StandardError = new SinkWriter(this, console.Profile.Out.Writer);
    }

    public TextWriter StandardOutput { get; }

    public TextWriter StandardError { get; }

    public PromptHandler? Prompt { get; }

    public void Display(RenderedValue value, string? displayId = null)
    {
        lock (_lock)
        {
            if (!_interactive && value.Value is PackageStatus status)
            {
                Notice(status);
                return;
            }

            if (!_interactive && value.Value is TransferProgress)
            {
                // A log or a pipe gets no progress bars (they would only ever show their first state); the transfer's
                // result is its one summary line.
                return;
            }

            var lines = Write(value);
            _lastId = displayId;
            _lastLines = lines;
        }
    }

    public void UpdateDisplay(RenderedValue value, string displayId)
    {
        lock (_lock)
        {
            if (!_interactive)
            {
                // A log or a pipe gets no redraws; the final state shows when the submission prints its result.
                if (value.Value is PackageStatus status)
                {
                    Notice(status);
                }

                return;
            }

            if (_lastId == displayId && _lastLines > 0)
            {
                _console.Profile.Out.Writer.Write($"\x1b[{_lastLines}A\r\x1b[J");
            }

            _lastLines = Write(value);
            _lastId = displayId;
        }
    }

    /// <summary>Writes a value (table or text) and returns how many screen lines it took.</summary>
    internal int Write(RenderedValue value)
    {
        IRenderable? spectre;
        // A value shown in full (DisplayAll) keeps every row; anything else also fits the screen.
        using (DisplayOptions.Use(value.MaxRows == int.MaxValue ? int.MaxValue : Math.Min(value.MaxRows, FittingRows())))
        {
            spectre = value.Value switch
            {
                TransferProgress progress => SpectreProgress.ToSpectre(progress),
                _ when !value.UserFormatted && (value.Table ?? DisplayRenderer.AsTable(value.Value)) is { } table => SpectreTables.ToSpectre(table),
                _ => null,
            };
        }

        if (spectre is not null)
        {
            var segments = spectre
                .Render(Spectre.Console.Rendering.RenderOptions.Create(_console, _console.Profile.Capabilities), _console.Profile.Width)
                .ToList();
            _console.Write(spectre);
            var lines = segments.Count(s => s.IsLineBreak);
            if (segments.Count == 0 || !segments[^1].IsLineBreak)
            {
                // A one-line widget (the progress bar) ends without a line break; what follows starts on its own line.
                _console.Profile.Out.Writer.Write('\n');
                _console.Profile.Out.Writer.Flush();
                lines++;
            }

            return Math.Max(1, lines);
        }

        var text = value.Text;
        _console.Profile.Out.Writer.Write(text.ReplaceLineEndings("\n") + "\n");
        _console.Profile.Out.Writer.Flush();
        var columns = Math.Max(1, _console.Profile.Width);
        return text.Split('\n').Sum(l => Math.Max(1, (l.Length + columns - 1) / columns));
    }

    /// <summary>Rows a table may have at the prompt so that it fits the terminal's height with its title, header, borders,
    /// caption and the next prompt (at least 10); a piped script has no screen to fit.</summary>
    private int FittingRows() =>
        _interactive && _console.Profile.Height > 0 ? Math.Max(10, _console.Profile.Height - TableChromeLines) : int.MaxValue;

    /// <summary>A piped script gets a package restore's finished state once, on the notices stream (stderr), so its
    /// standard output stays the script's own.</summary>
    private void Notice(PackageStatus status)
    {
        if (!status.Finished)
        {
            return;
        }

        var writer = _notices ?? _console.Profile.Out.Writer;
        writer.Write(status.Text.ReplaceLineEndings("\n") + "\n");
        writer.Flush();
    }

    private void Touched()
    {
        // Output below a progress display means it can no longer be redrawn in place.
        _lastId = null;
        _lastLines = 0;
    }

    /// <summary>Forwards text to the boundary; any write ends in-place redraws of the last display.</summary>
    private sealed class SinkWriter(ReplSink owner, TextWriter target) : TextWriter
    {
        public override System.Text.Encoding Encoding => target.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            lock (owner._lock)
            {
                owner.Touched();
                target.Write(value);
                target.Flush();
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");

        public override void WriteLine() => Write("\n");
    }
}
