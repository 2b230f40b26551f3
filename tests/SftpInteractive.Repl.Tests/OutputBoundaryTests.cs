using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>The REPL's one output boundary: a secret loaded from .env and written in pieces by separate
/// <c>Console.Write</c> calls (each piece harmless on its own) never reaches the screen, in the piped and the
/// interactive mode, on stdout and stderr, while ordinary partial lines still appear.</summary>
public sealed class OutputBoundaryTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sftpi-boundary-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData("two")]
    [InlineData("three")]
    [InlineData("one-character")]
    public async Task PipedScript_SecretFromEnvWrittenInPieces_NeverAppears(string pieces)
    {
        var (envFile, secret) = WriteEnv();
        var script = Load(envFile) + Write("Console.Write", pieces) + "Console.WriteLine();\n" +
                     Write("Console.Error.Write", pieces) + "Console.Error.WriteLine();\n" + "Console.Write(\"ask: \");\n\"done\"\n";
        var (console, output) = TestConsoles.Create();
        var (errors, errorOutput) = TestConsoles.Create();
        await using var engine = new ScriptEngine();
        var host = new ReplHost(new ReplOptions { Console = console, ErrorConsole = errors, Input = new StringReader(script) }, Task.FromResult<IInteractiveEngine>(engine));

        var code = await host.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(code == 0, errorOutput.ToString());
        var all = output + errorOutput.ToString();
        Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        Assert.Equal(2, all.Split(Redactor.Mask).Length - 1); // stdout's and stderr's write, each masked whole
        Assert.Contains("ask: done", output.ToString(), StringComparison.Ordinal); // a prompt without a newline still shows
    }

    [Theory]
    [InlineData("two")]
    [InlineData("one-character")]
    public async Task Interactive_SecretFromEnvWrittenInPieces_NeverAppears(string pieces)
    {
        var (envFile, secret) = WriteEnv();
        var (console, output) = TestConsoles.Create();
        var terminal = new ScriptedTerminal().Type(Load(envFile).TrimEnd('\n') + "\r")
            .Type(Write("Console.Write", pieces).Replace("\n", " ", StringComparison.Ordinal) + "\r").Key(ConsoleKey.D, control: true);
        await using var engine = new ScriptEngine();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal }, Task.FromResult<IInteractiveEngine>(engine));

        await host.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(secret, output.ToString() + terminal.Screen, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, output.ToString(), StringComparison.Ordinal);
    }

    private (string EnvFile, string Secret) WriteEnv()
    {
        var secret = "Piece-Wise-" + Guid.NewGuid().ToString("N")[..12];
        var envFile = Path.Combine(_work.FullName, ".env");
        File.WriteAllLines(envFile, ["SFTP_HOST=127.0.0.1", "SFTP_USERNAME=nobody", "SFTP_PASSWORD=" + secret]);
        return (envFile, secret);
    }

    // The script loads the password itself: its text never holds the secret.
    private static string Load(string envFile) => $"var p = Sftp.LoadSettings(new SftpOptions {{ EnvFile = @\"{envFile}\" }}).Password!;\n";

    private static string Write(string method, string pieces) => pieces switch
    {
        "two" => $"{method}(p[..5]); {method}(p[5..]);\n",
        "three" => $"{method}(p[..4]); {method}(p[4..9]); {method}(p[9..]);\n",
        _ => $"foreach (var c in p) {{ {method}(c); }}\n",
    };
}
