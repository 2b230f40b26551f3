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
    private readonly PieceRedactor _pieces = new();
    private bool _timerArmed;
    private bool _disposed;

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
        lock (_lock)
        {
            _timerArmed = false;
            if (_buffer.Length == 0 && !_pieces.IsHolding)
            {
                return;
            }

            // The cell's output ends (or pauses for a display): what was held back as a secret's start goes too.
            var text = _pieces.Append(_buffer.ToString()) + _pieces.Drain();
            _buffer.Clear();

            // Published under the lock so two flushes cannot reorder the text.
            Publish(text);
        }
    }

    /// <summary>
    /// The timer's flush. Redaction works on each message's text, so a secret written in pieces must not be split
    /// across two messages: the ending that could still grow into a secret is held back until the next write or the
    /// cell's end (<see cref="PieceRedactor"/>, shared with the REPL's output boundary); the rest goes now, so prompts
    /// and progress dots still appear.
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
            _buffer.Clear();
            Publish(_pieces.Append(text));
        }
    }

    private void Publish(string text)
    {
        if (text.Length > 0)
        {
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
            Publish(_pieces.Append(text));
        }
        else if (!_timerArmed)
        {
            _timerArmed = true;
            _timer.Change(Delay, Timeout.InfiniteTimeSpan);
        }
    }
}
