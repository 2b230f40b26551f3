using System.Security.Cryptography;
using Renci.SshNet.Common;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Our SFTP engine over SSH.NET's <c>sftp</c> subsystem channel against the real OpenSSH server: the channel
/// opens on the pinned SSH.NET (reached by <c>UnsafeAccessor</c>, so an SSH.NET update that moves a member fails
/// here with its name), requests pipelined many at a time, OpenSSH's extensions, cancellation and a cut.</summary>
public sealed class SftpEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubsystemChannel_PinnedSshNet_OpensVersion3WithTheServersLimits()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        SftpEngine engine;
        try
        {
            engine = await SftpEngines.ForAsync(s.Client, Ct);
        }
        catch (MissingMemberException e)
        {
            Assert.Fail($"This SSH.NET version no longer has a member SshNetSubsystemChannel opens the sftp subsystem with ({e.Message}); " +
                "look at SSH.NET's SubsystemSession.Connect and update src/SftpInteractive/Sftp/SshNetSubsystemChannel.cs.");
            return;
        }

        Assert.Equal(3u, engine.Version);
        Assert.Contains(ExtensionNames.Limits, engine.Extensions.Keys);
        Assert.Contains(ExtensionNames.PosixRename, engine.Extensions.Keys);
        Assert.True(engine.MaxRead > SftpEngine.DefaultChunk, $"limits@openssh.com gave a read size of {engine.MaxRead}");
        Assert.Same(engine, await SftpEngines.ForAsync(s.Client, Ct)); // one engine per connection
    }

    [Fact]
    public async Task SubsystemChannel_MoreThanSshNetLetsBeOpen_RefusedAtOnceAndFreedOnDispose()
    {
        // SSH.NET lets ConnectionInfo.MaxSessions (10) channels be open on a connection and waits, with no time limit,
        // for one to close before it opens the eleventh; the server here takes 50. One is left for SSH.NET's own SFTP
        // session, so at most nine of ours: the next is refused at once, marked so a job goes on with those it has.
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var opened = new List<Renci.SshNet.SftpClient>();
        try
        {
            Exception? refused = null;
            while (refused is null && opened.Count < 12)
            {
                try
                {
                    opened.Add(await SshNetChannelSftpClient.OpenAsync(s.Settings, s.Client, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
                }
                catch (SshException e)
                {
                    refused = e;
                }
            }

            Assert.NotNull(refused);
            Assert.True(ChannelRefusal.Is(refused), refused.ToString());
            Assert.InRange(opened.Count, 1, s.Client.ConnectionInfo.MaxSessions - 1);

            opened[0].Dispose();
            opened[0] = await SshNetChannelSftpClient.OpenAsync(s.Settings, s.Client, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.True((await SftpClientRequests.StatAsync(opened[0], "/", Ct)).IsDirectory); // and it works
        }
        finally
        {
            opened.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task RoundTrip_AfterAnyRequest_IsTheEnginesShortestWaitWithinThatRequest()
    {
        // The link's round trip decides whether a large put is split (RangePlan); it used to be timed only around the
        // stat before a transfer (zero until then, our own work included), which on loopback often read 10 ms.
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await s.StatAsync(".", Ct);
        var outer = watch.Elapsed;

        Assert.InRange(s.RoundTrip, TimeSpan.FromTicks(1), outer);
    }

    [Fact]
    public async Task Reads_TwoHundredInFlightInBothForms_SameBytesAsTheFile()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var content = RandomNumberGenerator.GetBytes(200 * 4096 + 123);
        var engine = await SftpEngines.ForAsync(s.Client, Ct);
        var handle = await engine.OpenAsync(scratch["data.bin"], SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Truncate, Ct);
        await engine.WriteAsync(handle, 0, content, Ct);
        await engine.CloseAsync(handle, Ct);

        handle = await engine.OpenAsync(scratch["data.bin"], SftpOpenFlags.Read, Ct);
        var slots = Enumerable.Range(0, 202).Select(_ => new ReadSlot(4096)).ToArray();
        for (var i = 0; i < slots.Length; i++)
        {
            (slots[i].Offset, slots[i].Length) = (i * 4096L, 4096);
            engine.Read(handle, (ulong)(i * 4096), 4096, slots[i]);
        }

        var tasks = Enumerable.Range(0, 10).Select(i => engine.ReadAsync(handle, (ulong)(i * 1000), new byte[1000], Ct)).ToArray();
        await Task.WhenAll(slots.Select(slot => slot.Answered())).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await Task.WhenAll(tasks);

        var received = slots.SelectMany(slot => slot.Received.ToArray()).ToArray();
        Assert.Equal(content, received); // the last slot asked past the end and got the end of file: nothing
        Assert.Equal(123, slots[200].Received.Length); // a short read at the end
        Assert.Equal(0, slots[201].Received.Length);
        Assert.All(tasks, t => Assert.Equal(1000, t.Result));
        Assert.Equal(0, await engine.ReadAsync(handle, (ulong)content.Length, new byte[10], Ct));
        await engine.CloseAsync(handle, Ct);
        Assert.Equal(0, engine.InFlight);
    }

    [Fact]
    public async Task Extensions_OpenSsh_StatVfsHardLinkCopyDataHomeExpandPathOwnerNames()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var engine = await SftpEngines.ForAsync(s.Client, Ct);
        var content = RandomNumberGenerator.GetBytes(100_000);
        var source = await engine.OpenAsync(scratch["a"], SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Read, Ct);
        await engine.WriteAsync(source, 0, content, Ct);
        await engine.FsyncAsync(source, Ct);

        var copy = await engine.OpenAsync(scratch["b"], SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Truncate, Ct);
        await engine.CopyDataAsync(source, 0, 0, copy, 0, Ct);
        await engine.CloseAsync(copy, Ct);
        await engine.CloseAsync(source, Ct);
        await engine.HardLinkAsync(scratch["b"], scratch["c"], Ct);

        var copied = await engine.OpenAsync(scratch["c"], SftpOpenFlags.Read, Ct);
        var buffer = new byte[content.Length + 1];
        var total = 0;
        for (int got; (got = await engine.ReadAsync(copied, (ulong)total, buffer.AsMemory(total, Math.Min(32768, buffer.Length - total)), Ct)) > 0;)
        {
            total += got;
        }

        await engine.CloseAsync(copied, Ct);
        Assert.Equal(content, buffer[..total]);

        var fs = await engine.StatVfsAsync(scratch.Path, Ct);
        Assert.True(fs.Blocks > 0 && fs.BlockSize > 0);
        Assert.Equal(s.Home, await engine.HomeDirectoryAsync(s.Settings.Username, Ct));
        Assert.Equal(scratch["a"], await engine.ExpandPathAsync("~/" + scratch.Path[(s.Home.Length + 1)..] + "/a", Ct));
        var attributes = await engine.StatAsync(scratch["a"], Ct);
        var (users, groups) = await engine.UsersGroupsByIdAsync([attributes.UserId], [attributes.GroupId], Ct);
        Assert.Equal(s.Settings.Username, users[0]);
        Assert.False(string.IsNullOrEmpty(groups[0]));
    }

    [Fact]
    public async Task Request_Cancelled_ThrowsAndTheEngineGoesOn()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var engine = await SftpEngines.ForAsync(s.Client, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.StatAsync(s.Home, cancelled.Token));

        Assert.True((await engine.StatAsync(s.Home, Ct)).IsDirectory);
        await Assert.ThrowsAsync<Renci.SshNet.Common.SftpPathNotFoundException>(() => engine.LStatAsync(s.Home + "/no-such-" + Guid.NewGuid().ToString("N"), Ct));
    }

    [Fact]
    public async Task Connection_Disconnected_EveryWaitingReplyFailsAndTheNextEngineIsNew()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var engine = await SftpEngines.ForAsync(s.Client, Ct);
        var slot = new WriteSlot();

        s.Client.Disconnect();
        engine.Write([1, 2, 3], 0, [1], slot);

        await Assert.ThrowsAnyAsync<SshException>(() => slot.Answered().WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.False(engine.IsOpen);
        await s.ReconnectAsync(Ct);
        var next = await SftpEngines.ForAsync(s.Client, Ct);
        Assert.NotSame(engine, next);
        Assert.True((await next.StatAsync(s.Home, Ct)).IsDirectory);
    }
}
