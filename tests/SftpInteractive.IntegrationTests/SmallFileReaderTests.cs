using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>The small-file read (open, the data and the end-of-file read in one round trip, close) against the real
/// server: whatever the listing said, the whole file arrives, as it is now.</summary>
public sealed class SmallFileReaderTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-small-read-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [InlineData(5000, 5000)] // as listed
    [InlineData(5000, 3000)] // grew since the listing
    [InlineData(3000, 5000)] // shrank since the listing
    [InlineData(0, 0)]
    [InlineData(0, 4096)] // emptied
    [InlineData(4096, 0)] // listed empty
    [InlineData(65536, 65536)] // one whole request
    [InlineData(200_000, 40_000)] // grew past several requests
    public async Task Copy_FileAsItIsNow_WholeContentWhateverTheListingSaid(int actual, int listed)
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var content = RandomNumberGenerator.GetBytes(actual);
        var source = Path.Combine(_local.FullName, "small.bin");
        await File.WriteAllBytesAsync(source, content, Ct);
        await s.PutAsync(source, scratch["small.bin"], cancellationToken: Ct);
        using var output = new MemoryStream();

        var copied = await SmallFileReader.CopyAsync(s.Client, scratch["small.bin"], listed, output, Ct);

        Assert.Equal(actual, copied);
        Assert.Equal(content, output.ToArray());
        Assert.True(await s.ExistsAsync(scratch["small.bin"], Ct)); // the session goes on after the unawaited close
    }

    [Fact]
    public async Task Copy_MissingFile_SaysNotFound()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<Renci.SshNet.Common.SftpPathNotFoundException>(() => SmallFileReader.CopyAsync(s.Client, scratch["none.bin"], 10, output, Ct));
    }
}
