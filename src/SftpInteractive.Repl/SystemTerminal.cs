using System.Runtime.InteropServices;

namespace SftpInteractive.Repl;

/// <summary>The process's own terminal. The only place in the host that touches <see cref="Console"/> for keys.</summary>
public sealed class SystemTerminal : ITerminal, IDisposable
{
    private readonly TextWriter _out;
    private readonly PosixSignalRegistration? _resize;

    /// <summary>Wraps the process terminal; output goes to <paramref name="output"/> (the unredirected stdout).</summary>
    public SystemTerminal(TextWriter output)
    {
        _out = output;
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Resized?.Invoke(this, EventArgs.Empty));
        }
    }

    /// <inheritdoc />
    public event EventHandler? Resized;

    /// <inheritdoc />
    public bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;

    /// <inheritdoc />
    public event EventHandler? Interrupt;

    /// <inheritdoc />
    public int Width => Console.IsOutputRedirected ? 120 : Math.Max(20, TerminalSize.Columns() ?? Console.WindowWidth);

    /// <inheritdoc />
    public bool ControlCAsKey
    {
        get => Console.TreatControlCAsInput;
        set => Console.TreatControlCAsInput = value;
    }

    /// <inheritdoc />
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);

    /// <inheritdoc />
    public void Write(string text)
    {
        _out.Write(text);
        _out.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _resize?.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Ctrl+C cancels the running submission, never the process: the session and its state survive.
        e.Cancel = true;
        Interrupt?.Invoke(this, EventArgs.Empty);
    }
}
