namespace SftpInteractive;

/// <summary>
/// Entry point: <c>var s = await Sftp.ConnectAsync();</c> connects with the settings from <c>.env</c>.
/// </summary>
public static class Sftp
{
    /// <summary>Connects using <paramref name="options"/>, then environment variables, then <c>.env</c>
    /// (searched from the working directory upward), then <c>~/.ssh/config</c>.</summary>
    /// <exception cref="SftpConfigException">A required setting is missing or malformed.</exception>
    /// <exception cref="SftpHostKeyException">The host key is unknown (strict), changed, or not the pinned one.</exception>
    /// <exception cref="SftpAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="SftpConnectionException">The server cannot be reached.</exception>
    public static async Task<SftpSession> ConnectAsync(SftpOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settings = LoadSettings(options);
        SftpLog.ApplySetting(settings.LogLevel);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        return await SftpSession.ConnectAsync(settings, token).ConfigureAwait(false);
    }

    /// <summary>Connects to an explicit host; everything not given comes from the environment and <c>.env</c>.</summary>
    public static Task<SftpSession> ConnectAsync(string host, string? username = null, string? password = null, int? port = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new SftpOptions { Host = host, Username = username, Password = password, Port = port }, cancellationToken);

    /// <summary>Synchronous <see cref="ConnectAsync(SftpOptions?, CancellationToken)"/> for interactive use.</summary>
    public static SftpSession Connect(SftpOptions? options = null) => ConnectAsync(options).GetAwaiter().GetResult();

    /// <summary>Resolves the settings without connecting (to check a <c>.env</c>).</summary>
    /// <exception cref="SftpConfigException">A required setting is missing or malformed.</exception>
    public static SftpSettings LoadSettings(SftpOptions? options = null) => SettingsResolver.Resolve(options);
}
