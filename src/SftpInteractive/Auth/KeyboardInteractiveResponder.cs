using System.Collections.Concurrent;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// Answers keyboard-interactive prompts the way the Paramiko tutorial's handler does: a prompt that asks for a
/// password gets <c>SFTP_PASSWORD</c>; a prompt that asks for a verification code gets a TOTP computed from
/// <c>SFTP_TOTP_SECRET</c>; anything else, or a missing value, goes to the host's <see cref="PromptHandler"/>.
/// </summary>
/// <param name="settings">The session's settings.</param>
/// <param name="cancellationToken">Calls off a prompt still waiting when the connection attempt ends.</param>
/// <param name="rememberedPassword">A password the user typed for an earlier connection of the same session, used
/// where <c>SFTP_PASSWORD</c> is not set so the session's further connections do not ask again.</param>
/// <param name="mayAsk">False for connections nobody waits for (the pool's background warm-up): a prompt the
/// settings cannot answer stays unanswered instead of reaching the user.</param>
internal sealed class KeyboardInteractiveResponder(SftpSettings settings, CancellationToken cancellationToken, string? rememberedPassword = null, bool mayAsk = true)
{
    // pam_google_authenticator may refuse a code used twice; a second login within the same 30 s step uses the
    // next step's code, which the default window (one step either side) accepts.
    private static readonly ConcurrentDictionary<string, long> LastStepBySecret = new(StringComparer.Ordinal);

    private int _answering;
    private volatile string? _waitingFor;

    /// <summary>The prompts no one could answer, for the error message.</summary>
    public List<string> Unanswered { get; } = [];

    /// <summary>True while SSH.NET's thread is inside <see cref="OnPrompt"/> (say, waiting for the user to type).</summary>
    public bool IsAnswering => Volatile.Read(ref _answering) > 0;

    /// <summary>The answer the user typed at a password prompt (not a one-time code) during this attempt, or null.</summary>
    public string? TypedPassword { get; private set; }

    /// <summary>True once the user was asked something the session cannot answer again by itself (a one-time code,
    /// an unknown prompt): its later connections would have to ask again.</summary>
    public bool AskedOnce { get; private set; }

    /// <summary>The prompt the host's handler is asking the user right now, or null.</summary>
    public string? WaitingFor => _waitingFor;

    /// <summary>Handles SSH.NET's AuthenticationPrompt event.</summary>
    public void OnPrompt(object? sender, AuthenticationPromptEventArgs e)
    {
        Interlocked.Increment(ref _answering);
        try
        {
            foreach (var prompt in e.Prompts)
            {
                var answer = Answer(new AuthPrompt(settings.Username, settings.Host, e.Instruction ?? string.Empty, prompt.Request, prompt.IsEchoed));
                SftpLog.Info($"keyboard-interactive: server asks '{prompt.Request.Trim()}': {(answer is null ? "no answer" : "answered")}");
                if (answer is null)
                {
                    Unanswered.Add(prompt.Request.Trim());
                }

                prompt.Response = answer ?? string.Empty;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _answering);
        }
    }

    /// <summary>Answers one prompt OpenSSH's <c>ssh</c> passed to its askpass helper (<c>user@host's password: </c>,
    /// <c>(user@host) Verification code: </c>, <c>Enter passphrase for key '…': </c>) by the same rules; null when
    /// nothing can answer it.</summary>
    public string? AnswerAskpass(string text)
    {
        // The account and host ssh puts before the question must not decide its kind ("sftpi-totp@…'s password").
        var request = AskpassQuestion(text);
        Interlocked.Increment(ref _answering);
        try
        {
            var answer = request.Contains("passphrase", StringComparison.OrdinalIgnoreCase) && settings.Passphrase is { } passphrase
                ? passphrase
                : Answer(new AuthPrompt(settings.Username, settings.Host, string.Empty, request, IsEchoed: false));
            SftpLog.Info($"ssh askpass: ssh asks '{text.Trim()}': {(answer is null ? "no answer" : "answered")}");
            if (answer is null)
            {
                Unanswered.Add(request.Trim());
            }

            return answer;
        }
        finally
        {
            Interlocked.Decrement(ref _answering);
        }
    }

    /// <summary>The question of an askpass prompt without ssh's <c>(user@host) </c> or <c>user@host's </c> in front.</summary>
    internal static string AskpassQuestion(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('(') && trimmed.IndexOf(") ", StringComparison.Ordinal) is > 0 and var close)
        {
            return trimmed[(close + 2)..];
        }

        var owner = trimmed.IndexOf("'s ", StringComparison.Ordinal);
        return owner > 0 && trimmed[..owner].Contains('@', StringComparison.Ordinal) && !trimmed[..owner].Contains(' ', StringComparison.Ordinal)
            ? trimmed[(owner + 3)..] : trimmed;
    }

    private string? Answer(AuthPrompt prompt)
    {
        var request = prompt.Request.ToLowerInvariant();
        // Code prompts first: "One-time password:" is a code prompt, not the account password.
        var isCode = IsCodePrompt(request);
        if (isCode && settings.TotpSecret is { } secret)
        {
            return NextCode(secret);
        }

        var asksPassword = !isCode && request.Contains("password", StringComparison.Ordinal);
        if (asksPassword && (settings.Password ?? rememberedPassword) is { } password)
        {
            return password;
        }

        if (mayAsk && settings.Prompt is { } handler)
        {
            // SSH.NET raises this event on its own thread and waits for the answer, so blocking here is safe.
            _waitingFor = prompt.Request.Trim();
            try
            {
                var answer = handler(prompt, cancellationToken).AsTask().GetAwaiter().GetResult();
                Redactor.Register(answer);
                if (asksPassword && !string.IsNullOrEmpty(answer))
                {
                    TypedPassword = answer;
                }
                else
                {
                    AskedOnce = true;
                }

                return answer;
            }
            finally
            {
                _waitingFor = null;
            }
        }

        return null;
    }

    private string NextCode(string secret)
    {
        var now = settings.TimeProvider.GetUtcNow();
        var step = Totp.StepOf(now);
        var offset = 0;
        LastStepBySecret.AddOrUpdate(secret, step, (_, last) =>
        {
            offset = last >= step ? (int)Math.Min(last - step + 1, 1) : 0;
            return step + offset;
        });
        return Totp.Compute(secret, now, offset);
    }

    /// <summary>True for prompts such as "Verification code:", "OTP", "token" or "one-time password".</summary>
    public static bool IsCodePrompt(string request) =>
        request.Contains("code", StringComparison.OrdinalIgnoreCase) || request.Contains("otp", StringComparison.OrdinalIgnoreCase)
        || request.Contains("token", StringComparison.OrdinalIgnoreCase) || request.Contains("one-time", StringComparison.OrdinalIgnoreCase);
}
