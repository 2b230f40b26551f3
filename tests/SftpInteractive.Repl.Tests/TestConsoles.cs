using Spectre.Console;

namespace SftpInteractive.Repl.Tests;

/// <summary>Spectre consoles writing plain text (no colours, no ANSI) to a string.</summary>
public static class TestConsoles
{
    public static (IAnsiConsole Console, StringWriter Output) Create()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        return (console, output);
    }
}
