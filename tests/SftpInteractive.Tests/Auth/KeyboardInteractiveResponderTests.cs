using Renci.SshNet.Common;

namespace SftpInteractive.Tests.Auth;

public sealed class KeyboardInteractiveResponderTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static SftpSettings Settings(string? password = "pw", string? totp = null, PromptHandler? prompt = null) => new()
    {
        Host = "h", HostAlias = "h", Username = "u", KnownHostsPath = "/dev/null",
        Password = password, TotpSecret = totp, Prompt = prompt,
        TimeProvider = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_010)),
    };

    private static AuthenticationPromptEventArgs Args(params string[] requests) =>
        new("u", "", "", requests.Select((r, i) => new AuthenticationPrompt(i, false, r)).ToList());

    [Fact]
    public void OnPrompt_PasswordThenVerificationCode_AnswersLikeTheTutorialHandler()
    {
        var secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ";
        var responder = new KeyboardInteractiveResponder(Settings("the-pw", secret), CancellationToken.None);
        var args = Args("Password: ", "Verification code: ");

        responder.OnPrompt(null, args);

        var prompts = args.Prompts.ToList();
        Assert.Equal("the-pw", prompts[0].Response);
        Assert.Equal(Totp.Compute(secret, DateTimeOffset.FromUnixTimeSeconds(1_700_000_010)), prompts[1].Response);
        Assert.Empty(responder.Unanswered);
    }

    [Fact]
    public void OnPrompt_SecondLoginInSameStep_UsesNextStepCode()
    {
        var secret = "KRUGS4ZANFZSAYJAORSXG5BAON4XG5DFNU";
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var first = Args("Verification code: ");
        var second = Args("Verification code: ");

        new KeyboardInteractiveResponder(Settings(totp: secret), CancellationToken.None).OnPrompt(null, first);
        new KeyboardInteractiveResponder(Settings(totp: secret), CancellationToken.None).OnPrompt(null, second);

        Assert.Equal(Totp.Compute(secret, now), first.Prompts.Single().Response);
        Assert.Equal(Totp.Compute(secret, now, 1), second.Prompts.Single().Response);
    }

    [Fact]
    public void OnPrompt_NoSecretAndNoHandler_RecordsUnansweredPrompt()
    {
        var responder = new KeyboardInteractiveResponder(Settings(), CancellationToken.None);

        responder.OnPrompt(null, Args("Verification code: "));

        Assert.Equal(["Verification code:"], responder.Unanswered);
    }

    [Fact]
    public void OnPrompt_UnknownPrompt_GoesToHandlerWithEchoFlag()
    {
        AuthPrompt? seen = null;
        var responder = new KeyboardInteractiveResponder(
            Settings(prompt: (p, _) => { seen = p; return ValueTask.FromResult<string?>("answer-from-user"); }), CancellationToken.None);
        var args = Args("Favourite colour? ");

        responder.OnPrompt(null, args);

        Assert.Equal("answer-from-user", args.Prompts.Single().Response);
        Assert.NotNull(seen);
        Assert.False(seen!.IsEchoed);
        Assert.Equal("Favourite colour? ", seen.Request);
    }

    [Theory]
    [InlineData("Verification code: ", true)]
    [InlineData("One-time password: ", true)]
    [InlineData("Password: ", false)]
    [InlineData("OTP: ", true)]
    public void IsCodePrompt_RecognisesCodePrompts(string request, bool expected) =>
        Assert.Equal(expected, KeyboardInteractiveResponder.IsCodePrompt(request));
}
