using System.Text;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// stdout or stderr of a cell as Jupyter <c>stream</c> messages. Text is buffered and sent in batches (after a
/// short delay, when the buffer grows large, before a display, and at the end of the cell) rather than one
/// message per write.
/// </summary>
internal sealed class JupyterStreamWriter : TextWriter
{
    private const int MaxBuffered = 16 * 1024;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);

    private readonly KernelOutput _output;
    private readonly JupyterMessage _parent;
    private readonly string _name;
    private readonly StringBuilder _buffer = new();
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private bool _timerArmed;
    private bool _disposed;
    private bool _heldPartialLine;

    public JupyterStreamWriter(KernelOutput output, JupyterMessage parent, string name)
    {
        _output = output;
        _parent = parent;
        _name = name;
        _timer = new Timer(_ => FlushCompleteLines(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _buffer.Append(value);
            AfterAppend();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_lock)
        {
            _buffer.Append(value);
            AfterAppend();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            _buffer.Append(buffer, index, count);
            AfterAppend();
        }
    }

    public override void Flush()
    {
        string text;
        lock (_lock)
        {
            _timerArmed = false;
            if (_buffer.Length == 0)
            {
                return;
            }

            text = _buffer.ToString();
            _buffer.Clear();
            _heldPartialLine = false;

            // Published under the lock so two flushes cannot reorder the text.
            _output.Publish(_parent, "stream", new JsonObject { ["name"] = _name, ["text"] = text });
        }
    }

    /// <summary>
    /// The timer's flush. Redaction works on each message's text, so a secret written in pieces must not be split
    /// across two messages: an unfinished line is held back for one more tick (then sent anyway, so prompts and
    /// progress dots still appear).
    /// </summary>
    private void FlushCompleteLines()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (_disposed || _buffer.Length == 0)
            {
                return;
            }

            var text = _buffer.ToString();
            var cut = text.LastIndexOf('\n') + 1;
            if (cut < text.Length && !_heldPartialLine)
            {
                _heldPartialLine = true;
                if (cut > 0)
                {
                    _buffer.Remove(0, cut);
                    _output.Publish(_parent, "stream", new JsonObject { ["name"] = _name, ["text"] = text[..cut] });
                }

                _timerArmed = true;
                _timer.Change(Delay, Timeout.InfiniteTimeSpan);
                return;
            }

            _heldPartialLine = false;
            _buffer.Clear();
            _output.Publish(_parent, "stream", new JsonObject { ["name"] = _name, ["text"] = text });
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            lock (_lock)
            {
                _disposed = true;
                _timer.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void AfterAppend()
    {
        if (_disposed)
        {
            // A cell abandoned after an interrupt may still write; its request is answered, so the text goes nowhere.
            _buffer.Clear();
        }
        else if (_buffer.Length >= MaxBuffered)
        {
            var text = _buffer.ToString();
            _buffer.Clear();
            _output.Publish(_parent, "stream", new JsonObject { ["name"] = _name, ["text"] = text });
        }
        else if (!_timerArmed)
        {
            _timerArmed = true;
            _timer.Change(Delay, Timeout.InfiniteTimeSpan);
        }
    }
}
