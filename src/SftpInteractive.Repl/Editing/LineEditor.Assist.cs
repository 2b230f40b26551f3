using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

// The engine's help while typing: highlighting, the completion menu and its docs, signature help. Each request runs
// off the key loop and applies its answer only while the text it was asked for is still being edited.
internal sealed partial class LineEditor
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromSeconds(1.5);
    private const int RefreshCount = 60; // 90 s of RefreshDelay
    private const int CompletionRetries = 30; // 45 s of RefreshDelay

    /// <summary>Classifies the text now, and again every <see cref="RefreshDelay"/> while it stays unchanged, up to
    /// <see cref="RefreshCount"/> times (90 s): the first answers may be the syntax alone (the editor services are still warming
    /// up, which takes far longer than a few seconds on a loaded machine) or miss what the last submission declared.</summary>
    private void RequestClassification(int refreshes = RefreshCount)
    {
        var buffer = _buffer!;
        var (text, version) = (buffer.Text, buffer.Version);
        _classifying?.Cancel();
        var cancel = new CancellationTokenSource();
        _classifying = cancel;
        InBackground(async token =>
        {
            var ranges = await _engine.ClassifyAsync(text, token).ConfigureAwait(false);
            lock (_screen)
            {
                if (_buffer != buffer || cancel.IsCancellationRequested)
                {
                    return;
                }

                // A refresh that changes no colour draws nothing: every redraw could race with a window resize.
                var changed = text != _classifiedText || !ranges.SequenceEqual(_classified);
                (_classifiedText, _classified) = (text, ranges);
                if (buffer.Version == version && changed)
                {
                    Draw();
                }
            }

            if (refreshes > 0)
            {
                // Outside the answer's time limit: on a loaded machine the editor services may take a minute to warm
                // up, and the line should turn semantic within one RefreshDelay of it.
                _ = Task.Delay(RefreshDelay, cancel.Token).ContinueWith(_ =>
                {
                    lock (_screen)
                    {
                        if (_buffer == buffer && buffer.Version == version && !cancel.IsCancellationRequested)
                        {
                            RequestClassification(refreshes - 1);
                        }
                    }
                }, cancel.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }, cancel.Token);
    }

    /// <summary>Asks for completions at the cursor. <paramref name="explicitly"/> (Tab): a single item is inserted and
    /// a longer common start typed; otherwise (after <c>.</c>) the menu just opens. The answer is used while the text
    /// before the completed name is unchanged and the cursor is still in that name (keys typed meanwhile filter the
    /// menu); an answer for other text, or older than the last request, is dropped. After <c>.</c>, no items (or no
    /// answer within its time limit) is asked again every <see cref="RefreshDelay"/> while the line stays as it is, up to
    /// <paramref name="retries"/> times: the editor services may still be warming up (on a loaded machine the first
    /// answer took longer than its limit, and the menu under <c>Math.</c> never opened).</summary>
    private void RequestCompletion(bool explicitly, int retries = CompletionRetries)
    {
        var buffer = _buffer!;
        var (text, cursor, version) = (buffer.Text, buffer.Cursor, buffer.Version);
        var request = ++_completionRequests;
        InBackground(async token =>
        {
            CompletionList? list = null;
            try
            {
                list = await _engine.CompleteAsync(text, cursor, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Late: asked again below.
            }

            lock (_screen)
            {
                if (list is not { Items.Count: > 0 })
                {
                    AskAgain(buffer, version, request, explicitly ? 0 : retries);
                    return;
                }

                if (_buffer != buffer || request != _completionRequests || list.Start > cursor || list.Start < 0 ||
                    (buffer.Version != version && !StillTyping(buffer, text, list.Start, list.Items)))
                {
                    return;
                }

                var typed = text[list.Start..cursor];
                if (explicitly && buffer.Version == version && list.Items.Count == 1)
                {
                    buffer.Replace(list.Start, cursor, list.Items[0].Text);
                    RequestClassification();
                    Draw();
                    return;
                }

                var common = CommonPrefix(list.Items.Select(i => i.Text));
                if (explicitly && buffer.Version == version && common.Length > typed.Length && common.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                {
                    buffer.Replace(list.Start, cursor, common);
                    RequestClassification();
                }

                var menu = new CompletionMenu(list.Items, list.Start);
                _menu = menu.Filter(buffer.Text[list.Start..buffer.Cursor]) ? menu : null;
                _signature = null;
                RequestDoc();
                Draw();
            }
        }, CancellationToken.None);
    }

    // Asks for the completions after the same '.' again once RefreshDelay has passed, while nothing changed meanwhile.
    private void AskAgain(LineBuffer buffer, int version, int request, int retries)
    {
        if (retries <= 0)
        {
            return;
        }

        _ = Task.Delay(RefreshDelay).ContinueWith(_ =>
        {
            lock (_screen)
            {
                if (_buffer == buffer && buffer.Version == version && request == _completionRequests && _menu is null)
                {
                    RequestCompletion(explicitly: false, retries - 1);
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>True while <paramref name="buffer"/> still holds <paramref name="text"/>'s start up to
    /// <paramref name="start"/> and the cursor is in the name begun there: only name characters typed since (any but
    /// quote, space and <c>/</c> for the server's paths).</summary>
    private static bool StillTyping(LineBuffer buffer, string text, int start, IReadOnlyList<CompletionEntry> items)
    {
        var now = buffer.Text;
        if (buffer.Cursor < start || now.Length < start || string.CompareOrdinal(now, 0, text, 0, start) != 0)
        {
            return false;
        }

        var remote = items.Any(i => i.Kind.StartsWith("remote", StringComparison.Ordinal));
        for (var i = start; i < buffer.Cursor; i++)
        {
            var c = now[i];
            if (!(char.IsLetterOrDigit(c) || c == '_' || (remote && c is not ('"' or '/' or ' ' or '\n'))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Asks for the selected item's signature and summary: the engine describes the code as if the item
    /// were accepted. (Never asks the terminal whether keys wait: off the key loop that would wait for the key loop's
    /// read.)</summary>
    private void RequestDoc()
    {
        if (_menu is not { Current: { } item } menu || item.Kind.StartsWith("remote", StringComparison.Ordinal))
        {
            return;
        }

        var buffer = _buffer!;
        var text = buffer.Text;
        var code = text[..menu.Start] + item.Text + text[Math.Min(buffer.Cursor, text.Length)..];
        InBackground(async token =>
        {
            var docs = await _engine.InspectAsync(code, menu.Start + item.Text.Length, token).ConfigureAwait(false);
            lock (_screen)
            {
                if (_menu != menu || menu.Current != item || docs is null)
                {
                    return;
                }

                var lines = docs.Text.Split('\n').Where(l => SignatureHelp.ParameterLine(l) is null).ToArray();
                var overloads = lines.Count(l => !l.StartsWith("    ", StringComparison.Ordinal)) - 1;
                var first = lines[0].Trim() + (overloads > 0 ? $"  (+{overloads} overload{(overloads == 1 ? string.Empty : "s")})" : string.Empty);
                menu.Doc = lines.Length > 1 && lines[1].StartsWith("    ", StringComparison.Ordinal) ? first + "\n" + lines[1].Trim() : first;
                Draw();
            }
        }, CancellationToken.None);
    }

    private void RequestSignature()
    {
        var buffer = _buffer!;
        var (text, cursor) = (buffer.Text, buffer.Cursor);
        if (SignatureHelp.CallAt(text, cursor) is not { } call)
        {
            return;
        }

        InBackground(async token =>
        {
            var docs = await _engine.InspectAsync(text, cursor, token).ConfigureAwait(false);
            lock (_screen)
            {
                if (_buffer != buffer || docs is null || _menu is not null ||
                    SignatureHelp.CallAt(buffer.Text, buffer.Cursor)?.OpenParen != call.OpenParen)
                {
                    return;
                }

                _signature = SignatureHelp.From(call.OpenParen, docs.Text);
                Draw();
            }
        }, CancellationToken.None);
    }

    private List<string> MenuLines(CompletionMenu menu, string text, int cursor, int width)
    {
        var palette = _view.Palette;
        var shown = menu.Shown;
        var rows = shown.Skip(menu.Top).Take(CompletionMenu.Rows).ToList();
        var nameWidth = Math.Min(40, rows.Max(i => i.DisplayText.Length));
        var kinds = rows.Select(i => i.Kind + (i.Detail is { Length: > 0 } d && i.Kind.StartsWith("remote", StringComparison.Ordinal) ? " " + d : string.Empty)).ToList();
        var kindWidth = kinds.Max(k => k.Length);
        var rowWidth = 1 + nameWidth + 2 + kindWidth + 1;
        var lineStart = menu.Start == 0 ? 0 : text.LastIndexOf('\n', Math.Min(menu.Start, text.Length) - 1) + 1;
        var column = (lineStart == 0 ? Prompt.Length : ContinuationPrompt.Length) + menu.Start - lineStart;
        var indent = new string(' ', Math.Max(0, Math.Min(column - 1, width - rowWidth - 1)));
        var lines = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rows[i].DisplayText.Length > nameWidth ? rows[i].DisplayText[..(nameWidth - 1)] + "…" : rows[i].DisplayText.PadRight(nameWidth);
            var selected = menu.Top + i == menu.Selected;
            lines.Add(indent + (selected
                ? palette.Paint(" " + name + "  " + kinds[i].PadRight(kindWidth) + " ", "menu-selected")
                : " " + name + "  " + palette.Paint(kinds[i].PadRight(kindWidth), "doc") + " "));
        }

        if (shown.Count > rows.Count)
        {
            lines.Add(indent + palette.Paint($" {menu.Selected + 1} of {shown.Count}", "doc"));
        }

        foreach (var doc in (menu.Doc ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add(indent + palette.Paint(EditorView.Clip(doc, width - indent.Length), "doc"));
        }

        return lines;
    }

    private static void InBackground(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AnswerTimeout);
            try
            {
                await work(timeout.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed or late answer only means no help for this key: typing goes on.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }, CancellationToken.None);

    private static string CommonPrefix(IEnumerable<string> texts)
    {
        string? common = null;
        foreach (var text in texts)
        {
            if (common is null)
            {
                common = text;
                continue;
            }

            var n = 0;
            while (n < common.Length && n < text.Length && common[n] == text[n])
            {
                n++;
            }

            common = common[..n];
        }

        return common ?? string.Empty;
    }
}
