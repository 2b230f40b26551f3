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

    public JupyterStreamWriter(KernelOutput output, JupyterMessage parent, string name)
    {
        _output = output;
        _parent = parent;
        _name = name;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
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

            // Published under the lock so two flushes cannot reorder the text.
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
