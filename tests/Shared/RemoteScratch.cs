namespace SftpInteractive.Testing;

/// <summary>A fresh remote folder in the account's home for one test, removed afterwards.</summary>
public sealed class RemoteScratch : IAsyncDisposable
{
    private readonly SftpSession _session;

    private RemoteScratch(SftpSession session, string path)
    {
        _session = session;
        Path = path;
    }

    /// <summary>Absolute remote path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder under the home directory.</summary>
    public static async Task<RemoteScratch> CreateAsync(SftpSession session)
    {
        var path = RemotePath.Combine(session.Home, "t-" + Guid.NewGuid().ToString("N")[..12]);
        await session.MkdirAsync(path);
        return new RemoteScratch(session, path);
    }

    /// <summary>A path inside the folder.</summary>
    public string this[string name] => RemotePath.Combine(Path, name);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_session.IsConnected)
            {
                await _session.RmRecursiveAsync(Path);
            }
        }
        catch (SftpInteractiveException)
        {
            // Best effort: a test that broke the connection leaves its scratch folder behind.
        }
    }
}
