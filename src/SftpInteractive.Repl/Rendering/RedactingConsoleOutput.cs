using System.Text;
using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>A console output that keeps its terminal's size and capabilities but writes through a
/// <see cref="RedactingWriter"/>, so Spectre's tables, markup and progress pass the same boundary as plain text.</summary>
internal sealed class RedactingConsoleOutput(IAnsiConsoleOutput inner) : IAnsiConsoleOutput
{
    public RedactingWriter Boundary { get; } = new(inner.Writer);

    public TextWriter Writer => Boundary;

    public bool IsTerminal => inner.IsTerminal;

    public int Width => inner.Width;

    public int Height => inner.Height;

    public void SetEncoding(Encoding encoding) => inner.SetEncoding(encoding);

    /// <summary>A console like <paramref name="console"/> (width, colours, ANSI) whose output passes the boundary.</summary>
    public static (IAnsiConsole Console, RedactingWriter Boundary) Wrap(IAnsiConsole console)
    {
        var output = new RedactingConsoleOutput(console.Profile.Out);
        var capabilities = console.Profile.Capabilities;
        var wrapped = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = capabilities.Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = (ColorSystemSupport)capabilities.ColorSystem,
            Interactive = capabilities.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        wrapped.Profile.Capabilities.Unicode = capabilities.Unicode;
        wrapped.Profile.Capabilities.Links = capabilities.Links;
        if (console.Profile.Width != output.Width)
        {
            wrapped.Profile.Width = console.Profile.Width; // a fixed width (tests, a pipe); otherwise follow the terminal
        }

        return (wrapped, output.Boundary);
    }
}
