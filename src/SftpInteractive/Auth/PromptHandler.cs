namespace SftpInteractive;

/// <summary>Answers one keyboard-interactive prompt; returns null when the user gives no answer.</summary>
public delegate ValueTask<string?> PromptHandler(AuthPrompt prompt, CancellationToken cancellationToken);

/// <summary>One keyboard-interactive prompt sent by the server (for example <c>Password: </c> or
/// <c>Verification code: </c>).</summary>
/// <param name="Username">The account being authenticated.</param>
/// <param name="Host">The server.</param>
/// <param name="Instruction">The server's instruction text, often empty.</param>
/// <param name="Request">The prompt text.</param>
/// <param name="IsEchoed">False for secrets: a host must mask the input.</param>
public sealed record AuthPrompt(string Username, string Host, string Instruction, string Request, bool IsEchoed);
