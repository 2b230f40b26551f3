namespace SftpInteractive.Repl;

/// <summary>The raw keyboard and screen of an interactive terminal. The line editor reads keys and writes escape
/// sequences through it, so tests can script keys and a real terminal (tmux) can drive the real implementation.</summary>
public interface ITerminal
{
    /// <summary>Reads one key without echo.</summary>
    ConsoleKeyInfo ReadKey();

    /// <summary>Writes text or escape sequences to the screen.</summary>
    void Write(string text);

    /// <summary>Width of the screen in columns.</summary>
    int Width { get; }

    /// <summary>While true Ctrl+C arrives as a key (line editing); while false it raises <see cref="Interrupt"/>
    /// (a submission runs).</summary>
    bool ControlCAsKey { get; set; }

    /// <summary>Ctrl+C while a submission runs.</summary>
    event EventHandler? Interrupt;

    /// <summary>True when a key is already waiting: keys arriving in a burst are a paste, so Enter inside one starts
    /// a new line instead of submitting. Terminals that cannot tell say false.</summary>
    bool KeyAvailable => false;

    /// <summary>The window changed size (the editor redraws). Terminals that cannot tell never raise it.</summary>
    event EventHandler? Resized
    {
        add { }
        remove { }
    }
}
