using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary><see cref="TransferOptions.Fsync"/>: the server flushes an upload (<c>fsync@openssh.com</c>) before the final rename.</summary>
public sealed class FsyncTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-fsync-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Put_FsyncOption_TheServerFlushesThePartOnlyWhenAsked(bool fsync)
    {
        var server = TestServer.Require("password");
        var before = ServerSyscalls.Snapshot();
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = Path.Combine(_local.FullName, "durable.bin");
        await File.WriteAllBytesAsync(source, new byte[100_000], Ct);
        await using var trace = await ServerSyscalls.AttachAsync(before, "fsync", Ct);

        await s.PutAsync(source, scratch["durable.bin"], new TransferOptions { Fsync = fsync }, cancellationToken: Ct);

        Assert.Equal(100_000, (await s.StatAsync(scratch["durable.bin"], Ct)).Size);
        Assert.Equal(fsync, await trace.SawAsync(scratch["durable.bin"] + FileTransfer.PartSuffix, TimeSpan.FromSeconds(fsync ? 10 : 1), Ct));
    }
}
