namespace SftpInteractive.Repl;

// What each key does. Called under the screen lock; the caller draws afterwards.
internal sealed partial class LineEditor
{
    private Outcome Handle(ConsoleKeyInfo key)
    {
        if (_search is not null)
        {
            return HandleSearch(key);
        }

        var buffer = _buffer!;
        var version = buffer.Version;
        var cursor = buffer.Cursor;
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        var alt = (key.Modifiers & ConsoleModifiers.Alt) != 0;
        var shift = (key.Modifiers & ConsoleModifiers.Shift) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter when shift || alt || control:
                buffer.NewLine();
                break;
            case ConsoleKey.Enter when _menu is not null:
                Accept();
                break;
            case ConsoleKey.Enter when !_keys.TerminalMarksPastes && _terminal.KeyAvailable:
                // The fallback for terminals that do not mark pastes: more keys already waiting after Enter are a
                // pasted line break, not a submission.
                buffer.NewLine();
                break;
            case ConsoleKey.Enter:
                (_menu, _signature) = (null, null);
                return Outcome.Enter;
            case ConsoleKey.Escape when _menu is not null:
                _menu = null;
                break;
            case ConsoleKey.Escape when _signature is not null:
                _signature = null;
                break;
            case ConsoleKey.Escape:
                buffer.Set(string.Empty);
                break;
            case ConsoleKey.C when control:
                return Outcome.Clear;
            case ConsoleKey.D when control:
                if (buffer.Text.Length == 0)
                {
                    return Outcome.Exit;
                }

                buffer.Delete();
                break;
            case ConsoleKey.Tab when _menu is not null:
                Accept();
                break;
            case ConsoleKey.Tab:
            case ConsoleKey.Spacebar when control:
                RequestCompletion(explicitly: true);
                break;
            case ConsoleKey.R when control:
                _menu = null;
                _search = new HistorySearch(_history.Entries, buffer.Text);
                break;
            case ConsoleKey.Backspace:
                buffer.Backspace();
                break;
            case ConsoleKey.Delete:
                buffer.Delete();
                break;
            case ConsoleKey.LeftArrow when control || alt:
            case ConsoleKey.B when alt:
                buffer.WordLeft();
                break;
            case ConsoleKey.RightArrow when control || alt:
            case ConsoleKey.F when alt:
                buffer.WordRight();
                break;
            case ConsoleKey.LeftArrow:
            case ConsoleKey.B when control:
                buffer.Left();
                break;
            case ConsoleKey.RightArrow:
            case ConsoleKey.F when control:
                buffer.Right();
                break;
            case ConsoleKey.Home:
            case ConsoleKey.A when control:
                buffer.Home();
                break;
            case ConsoleKey.End:
            case ConsoleKey.E when control:
                buffer.End();
                break;
            case ConsoleKey.U when control:
                buffer.DeleteToStart();
                break;
            case ConsoleKey.W when control:
                buffer.DeleteWordLeft();
                break;
            case ConsoleKey.L when control:
                _terminal.Write("\x1b[2J\x1b[H");
                _view.Forget();
                break;
            case ConsoleKey.UpArrow when _menu is not null:
                _menu.Move(-1);
                RequestDoc();
                return Outcome.Edited;
            case ConsoleKey.DownArrow when _menu is not null:
                _menu.Move(1);
                RequestDoc();
                return Outcome.Edited;
            case ConsoleKey.PageUp when _menu is not null:
                _menu.Move(-CompletionMenu.Rows);
                RequestDoc();
                return Outcome.Edited;
            case ConsoleKey.PageDown when _menu is not null:
                _menu.Move(CompletionMenu.Rows);
                RequestDoc();
                return Outcome.Edited;
            case ConsoleKey.UpArrow:
            case ConsoleKey.P when control:
                if (!buffer.Up())
                {
                    HistoryMove(-1);
                }

                break;
            case ConsoleKey.DownArrow:
            case ConsoleKey.N when control:
                if (!buffer.Down())
                {
                    HistoryMove(1);
                }

                break;
            default:
                if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar) && !control)
                {
                    Type(key.KeyChar);
                    return Outcome.Edited;
                }

                return Outcome.None;
        }

        AfterEdit(version, cursor);
        return Outcome.Edited;
    }

    private void Type(char c)
    {
        var buffer = _buffer!;
        var version = buffer.Version;
        if (c == '}')
        {
            buffer.CloseBrace();
        }
        else
        {
            buffer.Insert(c.ToString());
        }

        _typed = true;
        if (_menu is { } menu)
        {
            var remote = menu.Shown.Any(i => i.Kind.StartsWith("remote", StringComparison.Ordinal));
            var filters = char.IsLetterOrDigit(c) || c == '_' || (remote && c is not ('"' or '/' or ' '));
            if (!filters || buffer.Cursor < menu.Start || !menu.Filter(buffer.Text[menu.Start..buffer.Cursor]))
            {
                _menu = null;
            }
            else
            {
                _docWanted = true;
            }

            _remoteRefresh |= remote && c == '/';
        }

        _signatureWanted |= c is '(' or ',';
        if (buffer.Version != version)
        {
            RequestClassification();
        }
    }

    /// <summary>A paste marked by the terminal: its text goes in as it is (line breaks start lines, nothing runs; a
    /// trailing line break is dropped, so Enter runs the whole), with no menu or signature help on the way.</summary>
    private Outcome Paste(string text)
    {
        var buffer = _buffer!;
        if (_search is not null)
        {
            _search = null; // the match found so far stays, the paste goes in after it
        }

        (_menu, _signature) = (null, null);
        var version = buffer.Version;
        buffer.Insert(text.TrimEnd('\n', ' '));
        if (buffer.Version != version)
        {
            RequestClassification();
        }

        return Outcome.Edited;
    }

    /// <summary>Once the keys waiting have all been handled: the help the text now calls for. The menu opens when the
    /// cursor is in a member name after <c>.</c> that was typed, however fast the keys came (<c>Math.Ma</c> in one
    /// burst opens the menu filtered to <c>Ma</c>); Esc or an accepted item keeps it closed for that name.</summary>
    private void AfterBurst()
    {
        var buffer = _buffer!;
        var (text, cursor) = (buffer.Text, buffer.Cursor);
        var member = MemberNameStart(text, cursor);
        if (member is not { } start || _completionAnchor is not { } anchor || anchor.Start != start ||
            string.CompareOrdinal(anchor.Before, 0, text, 0, start) != 0 || anchor.Before.Length != start)
        {
            _completionAnchor = null; // a different name: the menu may open for it
        }

        if (_typed && _search is null)
        {
            if (_remoteRefresh)
            {
                RequestCompletion(explicitly: false); // the next folder's entries
            }
            else if (_menu is null && member is { } at && _completionAnchor is null)
            {
                _completionAnchor = (at, text[..at]);
                RequestCompletion(explicitly: false);
            }
            else if (_docWanted)
            {
                RequestDoc();
            }

            if (_signatureWanted && _menu is null)
            {
                RequestSignature();
            }
        }

        (_typed, _docWanted, _remoteRefresh, _signatureWanted) = (false, false, false, false);
    }

    /// <summary>Where the member name the cursor ends lies when it follows a <c>.</c> (<c>Math.Ma|</c>: after the dot),
    /// or null when the cursor is not in one (a number's decimals are not a name).</summary>
    internal static int? MemberNameStart(string text, int cursor)
    {
        var start = Math.Min(cursor, text.Length);
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        if (start == 0 || text[start - 1] != '.' || (start < cursor && char.IsDigit(text[start])))
        {
            return null;
        }

        return start;
    }

    private void AfterEdit(int version, int cursor)
    {
        var buffer = _buffer!;
        if (_menu is { } menu && (buffer.Cursor < menu.Start || (buffer.Version == version && buffer.Cursor != cursor) ||
                                  (buffer.Version != version && !menu.Filter(buffer.Text[menu.Start..buffer.Cursor]))))
        {
            _menu = null;
        }

        if (buffer.Version != version)
        {
            RequestClassification();
        }
    }

    private void Accept()
    {
        var buffer = _buffer!;
        if (_menu?.Current is { } item && buffer.Cursor >= _menu.Start)
        {
            buffer.Replace(_menu.Start, buffer.Cursor, item.Text);
            RequestClassification();
        }

        _menu = null;
    }

    private void HistoryMove(int step)
    {
        var buffer = _buffer!;
        var entries = _history.Entries;
        var target = _historyIndex + step;
        if (target < 0 || target > entries.Count)
        {
            return;
        }

        if (_historyIndex == entries.Count)
        {
            _draft = buffer.Text;
        }

        _historyIndex = target;
        buffer.Set(target == entries.Count ? _draft : entries[target]);
    }

    private Outcome HandleSearch(ConsoleKeyInfo key)
    {
        var search = _search!;
        var buffer = _buffer!;
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.R when control:
                search.Next();
                break;
            case ConsoleKey.Backspace:
                search.Backspace();
                break;
            case ConsoleKey.Escape:
            case ConsoleKey.G when control:
            case ConsoleKey.C when control:
                _search = null;
                buffer.Set(search.Original);
                RequestClassification();
                return Outcome.Edited;
            case ConsoleKey.Enter:
            case ConsoleKey.Tab:
            case ConsoleKey.LeftArrow:
            case ConsoleKey.RightArrow:
            case ConsoleKey.UpArrow:
            case ConsoleKey.DownArrow:
            case ConsoleKey.Home:
            case ConsoleKey.End:
                _search = null; // the match stays in the editor, to run with Enter or change first
                return Outcome.Edited;
            default:
                if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar) && !control)
                {
                    search.Type(key.KeyChar.ToString());
                }

                break;
        }

        buffer.Set(search.Match ?? search.Original);
        RequestClassification();
        return Outcome.Edited;
    }
}
