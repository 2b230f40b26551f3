namespace SftpInteractive.Testing;

/// <summary>A remote directory with 100,000 entries in the account's home, made once per machine with one remote
/// command (built under a temporary name and renamed into place, so concurrent test processes never see half of it).</summary>
public static class HugeDirectory
{
    /// <summary>How many entries it holds.</summary>
    public const int Count = 100_000;

    /// <summary>Creates the directory when missing; returns its absolute path.</summary>
    public static async Task<string> EnsureAsync(SftpSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var path = RemotePath.Combine(session.Home, "huge-100k");
        if (await session.ExistsAsync(RemotePath.Combine(path, "file-099999.csv"), cancellationToken))
        {
            return path;
        }

        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var result = await session.RunAsync(
            $"mkdir -p {temp} && cd {temp} && seq -f 'file-%06g.csv' 0 {Count - 1} | xargs touch && cd .. && (mv -T {temp} {path} 2>/dev/null || rm -rf {temp})",
            cancellationToken);
        result.EnsureSuccess();
        return path;
    }
}
