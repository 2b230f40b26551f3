using System.Text;

namespace SftpInteractive.Repl;

/// <summary>Answers keyboard-interactive prompts on the terminal; secrets are echoed as <c>*</c>.</summary>
internal static class MaskedPrompt
{
    public static PromptHandler Create(ITerminal terminal) => (prompt, cancellationToken) =>
    {
        var title = string.IsNullOrWhiteSpace(prompt.Instruction) ? string.Empty : prompt.Instruction.Trim() + "\r\n";
        terminal.Write($"{title}{prompt.Username}@{prompt.Host} {prompt.Request}");
        var answer = new StringBuilder();
        // Ctrl+C while typing a secret abandons the prompt instead of leaving a blocked key reader behind.
        var previous = terminal.ControlCAsKey;
        terminal.ControlCAsKey = true;
        try
        {
            return ValueTask.FromResult(Read(terminal, prompt, answer, cancellationToken));
        }
        finally
        {
            terminal.ControlCAsKey = previous;
        }
    };

    private static string? Read(ITerminal terminal, AuthPrompt prompt, StringBuilder answer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = terminal.ReadKey();
            if (key.Key == ConsoleKey.Enter)
            {
                terminal.Write("\r\n");
                return answer.ToString();
            }

            if (key.Key == ConsoleKey.Escape || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0))
            {
                terminal.Write("\r\n");
                return null;
            }

            if (key.Key == ConsoleKey.Backspace && answer.Length > 0)
            {
                answer.Length--;
                terminal.Write("\b \b");
            }
            else if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
            {
                answer.Append(key.KeyChar);
                terminal.Write(prompt.IsEchoed ? key.KeyChar.ToString() : "*");
            }
        }

        return null;
    }
}
