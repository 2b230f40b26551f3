using Renci.SshNet.Common;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>SSH.NET's callback form of reads, as <see cref="PipelinedReader"/> sends most of them, against the real
/// server: the same bytes, end of file and failures as its task form. The internals are reached by reflection on the
/// pinned SSH.NET, so an upgrade that moves them fails here, not as a silently slower get.</summary>
public sealed class CallbackRepliesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void CallbackForms_PinnedSshNet_HasThem() =>
        Assert.True(ReadReplies.IsAvailable && WriteReplies.IsAvailable && SftpReplyMembers.IsAvailable && SftpReplyMembers.CanCloseUnanswered);

    [Fact]
    public async Task Read_SlotsReusedAndPastTheEnd_SameBytesAsTheTaskForm()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var (session, handle, size) = await OpenLargeFileAsync(s);
        using var replies = new ReadReplies(session, handle, 32768, 2);

        // Three reads through two slots: the third reuses the first slot once it was taken; the last ends past the end.
        (ulong Offset, uint Length)[] reads = [(0, 32768), ((ulong)size / 2 + 7, 1000), ((ulong)size - 100, 32768)];
        for (var i = 0; i < reads.Length; i++)
        {
            replies.Read(reads[i].Offset, reads[i].Length, i);
            await replies.Answered(i).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            var expected = await TaskFormAsync(session, handle, reads[i].Offset, reads[i].Length);
            Assert.Equal(expected, replies.Data(i).ToArray());
        }

        Assert.Equal(100, replies.Data(2).Length);
        replies.Read((ulong)size, 32768, 3);
        await replies.Answered(3).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(0, replies.Data(3).Length); // SSH_FX_EOF: the end of the file, not a failure
        await SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, Ct);
    }

    [Fact]
    public async Task Read_ClosedHandle_FailsAsTheTaskFormDoes()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var (session, handle, _) = await OpenLargeFileAsync(s);
        await SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, Ct);
        using var replies = new ReadReplies(session, handle, 32768, 1);

        replies.Read(0, 32768, 0);
        var callback = await Assert.ThrowsAnyAsync<SshException>(() => replies.Answered(0).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var task = await Assert.ThrowsAnyAsync<SshException>(() => TaskFormAsync(session, handle, 0, 32768));

        Assert.Equal(task.GetType(), callback.GetType());
        Assert.Equal(task.Message, callback.Message);
    }

    [Fact]
    public async Task Read_AnswerAfterDispose_IsDropped()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var (session, handle, size) = await OpenLargeFileAsync(s);
        var replies = new ReadReplies(session, handle, 32768, 16);

        for (var i = 0; i < 16; i++)
        {
            replies.Read((ulong)i * 32768, 32768, i);
        }

        replies.Dispose(); // the get stopped: the buffers are back in the pool before the last replies come (512 KiB)

        // The session goes on: requests after them are answered, so the late replies were received and dropped.
        Assert.Equal(10, (await TaskFormAsync(session, handle, 5, 10)).Length);
        Assert.Equal(size, (await s.StatAsync(TestServer.Require().LargeFile, Ct)).Size);
        Assert.Equal(0, replies.Data(15).Length);
        await SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, Ct);
    }

    [Fact]
    public async Task Close_Unanswered_TheNextRequestFindsTheHandleClosed()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        var (session, handle, _) = await OpenLargeFileAsync(s);
        Assert.Equal(10, (await TaskFormAsync(session, handle, 0, 10)).Length);

        SftpReplyMembers.CloseUnanswered(session, handle);

        // The server handles requests in order: the read after the close finds no such handle.
        await Assert.ThrowsAnyAsync<SshException>(() => TaskFormAsync(session, handle, 0, 10));
    }

    private static async Task<(object Session, byte[] Handle, long Size)> OpenLargeFileAsync(SftpSession s)
    {
        var path = TestServer.Require().LargeFile;
        var session = SftpFileRequests.Session(s.Client);
        return (session, await SftpFileRequests.OpenAsync(session, path, SftpFileRequests.ReadFlags!, Ct), (await s.StatAsync(path, Ct)).Size);
    }

    private static async Task<byte[]> TaskFormAsync(object session, byte[] handle, ulong offset, uint length)
    {
        var task = SftpFileRequests.Invoke(SftpFileRequests.Read!, session, handle, offset, length, Ct);
        await task;
        var reply = SftpFileRequests.Result(task);
        try
        {
            return SftpFileRequests.AsMemory(reply).ToArray();
        }
        finally
        {
            (reply as IDisposable)?.Dispose();
        }
    }
}
