using SftpInteractive.Repl;

namespace SftpInteractive.Repl.Tests;

public sealed class MaskedPromptTests
{
    [Fact]
    public async Task Prompt_SecretInput_IsMaskedAndReturned()
    {
        var terminal = new ScriptedTerminal().Type("abcd\r");
        var handler = MaskedPrompt.Create(terminal);
        var answer = await handler(new AuthPrompt("sftpi-totp", "127.0.0.1", "", "Password: ", IsEchoed: false), TestContext.Current.CancellationToken);
        Assert.Equal("abcd", answer);
        Assert.Contains("sftpi-totp@127.0.0.1 Password: ****", terminal.Screen);
        Assert.DoesNotContain("abcd", terminal.Screen);
    }

    [Fact]
    public async Task Prompt_EchoedInput_IsShown_CtrlCGivesNoAnswer()
    {
        var terminal = new ScriptedTerminal().Type("123456\r");
        var handler = MaskedPrompt.Create(terminal);
        var code = await handler(new AuthPrompt("u", "h", "", "Verification code: ", IsEchoed: true), TestContext.Current.CancellationToken);
        Assert.Equal("123456", code);
        Assert.Contains("Verification code: 123456", terminal.Screen);
        var cancelled = new ScriptedTerminal().Type("12").Key(ConsoleKey.C, control: true);
        Assert.Null(await MaskedPrompt.Create(cancelled)(new AuthPrompt("u", "h", "", "Verification code: ", true), TestContext.Current.CancellationToken));
    }
}
