using System.Runtime.CompilerServices;

namespace SftpInteractive;

/// <summary>The requests of SFTP version 3 (draft-ietf-secsh-filexfer-02, section 6), each awaited as a task.</summary>
internal sealed partial class SftpEngine
{
    private static readonly SftpReplyParser<bool> StatusParser = static (type, payload) => type == SftpPacketType.Status
        ? SftpReply.StatusError(payload) is { } error ? throw error : true
        : throw SftpReply.Unexpected(type, "a request");

    private static readonly SftpReplyParser<byte[]> HandleParser = static (type, payload) => type switch
    {
        SftpPacketType.Handle => new SftpPacketReader(payload).ReadBytes().ToArray(),
        SftpPacketType.Status => throw SftpReply.StatusError(payload) ?? SftpReply.Unexpected(type, "an open"),
        _ => throw SftpReply.Unexpected(type, "an open"),
    };

    private static readonly SftpReplyParser<SftpAttributes> AttrsParser = static (type, payload) => type switch
    {
        SftpPacketType.Attrs => new SftpPacketReader(payload).ReadAttributes(),
        SftpPacketType.Status => throw SftpReply.StatusError(payload) ?? SftpReply.Unexpected(type, "a stat"),
        _ => throw SftpReply.Unexpected(type, "a stat"),
    };

    private static readonly SftpReplyParser<string> FirstNameParser = static (type, payload) => ReadNames(type, payload) is [var first, ..] ? first.Name
        : throw new Renci.SshNet.Common.SshException("The server answered with no name.");

    private static readonly SftpReplyParser<IReadOnlyList<SftpName>?> NamesParser = ReadNames;

    /// <summary>SSH_FXP_OPEN: the server's handle.</summary>
    public Task<byte[]> OpenAsync(string path, SftpOpenFlags flags, CancellationToken cancellationToken, SftpAttributes attributes = default)
    {
        var packet = new SftpPacketWriter(SftpPacketType.Open);
        packet.WriteUInt32(0);
        packet.WriteString(path);
        packet.WriteUInt32((uint)flags);
        packet.WriteAttributes(attributes);
        return RequestAsync(packet, HandleParser, cancellationToken);
    }

    /// <summary>SSH_FXP_CLOSE of a file or directory handle.</summary>
    public Task CloseAsync(byte[] handle, CancellationToken cancellationToken) => HandleRequestAsync(SftpPacketType.Close, handle, cancellationToken);

    /// <summary>SSH_FXP_CLOSE sent without waiting for its answer (the server handles requests in order).</summary>
    public void CloseUnanswered(byte[] handle)
    {
        var packet = Packet(SftpPacketType.Close);
        packet.WriteBytes(handle);
        Send(ref packet, IgnoredReply.Instance);
    }

    /// <summary>SSH_FXP_READ whose reply goes to <paramref name="reply"/> on the reading thread.</summary>
    public void Read(byte[] handle, ulong offset, uint length, SftpReply reply)
    {
        var packet = Packet(SftpPacketType.Read, 32 + handle.Length);
        packet.WriteBytes(handle);
        packet.WriteUInt64(offset);
        packet.WriteUInt32(length);
        Send(ref packet, reply);
    }

    /// <summary>SSH_FXP_WRITE of <paramref name="data"/> (copied into the packet, so the caller may reuse it at once).</summary>
    public void Write(byte[] handle, ulong offset, ReadOnlySpan<byte> data, SftpReply reply)
    {
        var packet = Packet(SftpPacketType.Write, 32 + handle.Length + data.Length);
        packet.WriteBytes(handle);
        packet.WriteUInt64(offset);
        packet.WriteBytes(data);
        Send(ref packet, reply);
    }

    /// <summary>True when <see cref="WriteStaged"/> works on this engine's transport.</summary>
    public bool CanSendStaged => _transport.CanSendStaged;

    /// <summary>SSH_FXP_WRITE of the <paramref name="count"/> bytes <paramref name="stage"/> holds (from
    /// <see cref="FileStage.Fill"/>): the kernel moves them to the transport after the packet's header.</summary>
    public void WriteStaged(byte[] handle, ulong offset, FileStage stage, int count, SftpReply reply)
    {
        var packet = Packet(SftpPacketType.Write, 32 + handle.Length);
        packet.WriteBytes(handle);
        packet.WriteUInt64(offset);
        packet.WriteUInt32((uint)count); // the data's length; the data follows from the stage
        Send(ref packet, reply, stage, count);
    }

    /// <summary>SSH_FXP_READ awaited: the bytes copied into <paramref name="buffer"/>, 0 at the end of the file.</summary>
    public Task<int> ReadAsync(byte[] handle, ulong offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.Read, 32 + handle.Length);
        packet.WriteBytes(handle);
        packet.WriteUInt64(offset);
        packet.WriteUInt32((uint)buffer.Length);
        return RequestAsync(packet, (type, payload) => type switch
        {
            SftpPacketType.Data => CopyData(payload, buffer.Span),
            SftpPacketType.Status => SftpReply.StatusError(payload, eofIsOk: true) is { } error ? throw error : 0,
            _ => throw SftpReply.Unexpected(type, "a read"),
        }, cancellationToken);
    }

    /// <summary>SSH_FXP_WRITE awaited; data longer than <see cref="MaxWrite"/> goes as several writes, all in flight at once.</summary>
    public async Task WriteAsync(byte[] handle, ulong offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        for (var done = 0; done < data.Length || (done == 0 && writes.Count == 0); done += MaxWrite)
        {
            var part = data.Slice(done, Math.Min(MaxWrite, data.Length - done));
            var packet = Packet(SftpPacketType.Write, 32 + handle.Length + part.Length);
            packet.WriteBytes(handle);
            packet.WriteUInt64(offset + (ulong)done);
            packet.WriteBytes(part.Span);
            writes.Add(RequestAsync(packet, StatusParser, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>SSH_FXP_STAT (follows links).</summary>
    public Task<SftpAttributes> StatAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.Stat, path, AttrsParser, cancellationToken);

    /// <summary>SSH_FXP_LSTAT (a link itself).</summary>
    public Task<SftpAttributes> LStatAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.LStat, path, AttrsParser, cancellationToken);

    /// <summary>SSH_FXP_FSTAT of an open handle.</summary>
    public Task<SftpAttributes> FStatAsync(byte[] handle, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.FStat);
        packet.WriteBytes(handle);
        return RequestAsync(packet, AttrsParser, cancellationToken);
    }

    /// <summary>SSH_FXP_SETSTAT.</summary>
    public Task SetStatAsync(string path, SftpAttributes attributes, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.SetStat);
        packet.WriteString(path);
        packet.WriteAttributes(attributes);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary>SSH_FXP_FSETSTAT.</summary>
    public Task FSetStatAsync(byte[] handle, SftpAttributes attributes, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.FSetStat);
        packet.WriteBytes(handle);
        packet.WriteAttributes(attributes);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary>SSH_FXP_OPENDIR: a directory handle.</summary>
    public Task<byte[]> OpenDirAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.OpenDir, path, HandleParser, cancellationToken);

    /// <summary>SSH_FXP_READDIR: the next entries, or null at the end of the directory.</summary>
    public Task<IReadOnlyList<SftpName>?> ReadDirAsync(byte[] handle, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.ReadDir);
        packet.WriteBytes(handle);
        return RequestAsync(packet, NamesParser, cancellationToken);
    }

    /// <summary>
    /// The entries of a directory as the server sends them (OPENDIR, READDIR until its end, then a CLOSE nobody waits
    /// for: the server handles requests in order), <c>.</c> and <c>..</c> included. The first two READDIRs go out
    /// together: most folders fit in one reply, and the second's end-of-directory then comes a round trip sooner (two
    /// round trips a folder instead of three, no request more). Were a server to answer them out of order, both
    /// batches are still given, the later first.
    /// </summary>
    public async IAsyncEnumerable<SftpName> ReadDirectoryAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handle = await OpenDirAsync(path, cancellationToken).ConfigureAwait(false);
        var current = ReadDirAsync(handle, cancellationToken);
        Task<IReadOnlyList<SftpName>?>? ahead = ReadDirAsync(handle, cancellationToken);
        try
        {
            while (await current.ConfigureAwait(false) is { } names)
            {
                foreach (var name in names)
                {
                    yield return name;
                }

                current = ahead ?? ReadDirAsync(handle, cancellationToken);
                ahead = null;
            }
        }
        finally
        {
            CloseUnanswered(handle);
            // Not awaited when the caller stopped early or the first failed: its outcome is of no use.
            ahead?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>SSH_FXP_REMOVE of exactly <paramref name="path"/> (a link is removed, not its target).</summary>
    public Task RemoveAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.Remove, path, StatusParser, cancellationToken);

    /// <summary>SSH_FXP_MKDIR.</summary>
    public Task MkDirAsync(string path, CancellationToken cancellationToken, SftpAttributes attributes = default)
    {
        var packet = Packet(SftpPacketType.MkDir);
        packet.WriteString(path);
        packet.WriteAttributes(attributes);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary>SSH_FXP_RMDIR.</summary>
    public Task RmDirAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.RmDir, path, StatusParser, cancellationToken);

    /// <summary>SSH_FXP_REALPATH: the canonical absolute path.</summary>
    public Task<string> RealPathAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.RealPath, path, FirstNameParser, cancellationToken);

    /// <summary>SSH_FXP_READLINK: a link's target as stored.</summary>
    public Task<string> ReadLinkAsync(string path, CancellationToken cancellationToken) => PathRequestAsync(SftpPacketType.ReadLink, path, FirstNameParser, cancellationToken);

    /// <summary>
    /// SSH_FXP_RENAME; with <paramref name="posix"/> and the server's <c>posix-rename@openssh.com</c>, an existing
    /// target is replaced atomically.
    /// </summary>
    public Task RenameAsync(string from, string to, bool posix, CancellationToken cancellationToken)
    {
        var packet = posix && Extensions.ContainsKey(ExtensionNames.PosixRename) ? Extended(ExtensionNames.PosixRename) : Packet(SftpPacketType.Rename);
        packet.WriteString(from);
        packet.WriteString(to);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary>
    /// SSH_FXP_SYMLINK making <paramref name="link"/> point to <paramref name="target"/> exactly as given. OpenSSH
    /// reversed the draft's argument order (its PROTOCOL, section 4.1) and every common server follows it: target first.
    /// </summary>
    public Task SymLinkAsync(string target, string link, CancellationToken cancellationToken)
    {
        var packet = Packet(SftpPacketType.SymLink);
        packet.WriteString(target);
        packet.WriteString(link);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    private Task<bool> HandleRequestAsync(byte type, byte[] handle, CancellationToken cancellationToken)
    {
        var packet = Packet(type);
        packet.WriteBytes(handle);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    private Task<T> PathRequestAsync<T>(byte type, string path, SftpReplyParser<T> parse, CancellationToken cancellationToken)
    {
        var packet = Packet(type);
        packet.WriteString(path);
        return RequestAsync(packet, parse, cancellationToken);
    }

    private static SftpPacketWriter Packet(byte type, int capacity = 256)
    {
        var packet = new SftpPacketWriter(type, capacity);
        packet.WriteUInt32(0); // the request id, set when it is sent
        return packet;
    }

    private static int CopyData(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var data = new SftpPacketReader(payload).ReadBytes();
        if (data.Length > destination.Length)
        {
            throw new Renci.SshNet.Common.SshException($"The server answered a read with {data.Length:N0} bytes, more than the {destination.Length:N0} asked for.");
        }

        data.CopyTo(destination);
        return data.Length;
    }

    private static IReadOnlyList<SftpName>? ReadNames(byte type, ReadOnlySpan<byte> payload)
    {
        if (type == SftpPacketType.Status)
        {
            return SftpReply.StatusError(payload, eofIsOk: true) is { } error ? throw error : null;
        }

        if (type != SftpPacketType.Name)
        {
            throw SftpReply.Unexpected(type, "a name request");
        }

        var reader = new SftpPacketReader(payload);
        var count = reader.ReadUInt32();
        var names = new List<SftpName>((int)Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            names.Add(new SftpName(reader.ReadString(), reader.ReadString(), reader.ReadAttributes()));
        }

        return names;
    }

    /// <summary>A reply no one waits for (a close sent and forgotten).</summary>
    private sealed class IgnoredReply : SftpReply
    {
        public static readonly IgnoredReply Instance = new();

        public override void Complete(byte type, ReadOnlySpan<byte> payload)
        {
        }

        public override void Fail(Exception error)
        {
        }
    }
}

/// <summary>One entry of an SSH_FXP_NAME reply: the name, the server's <c>ls -l</c> line, the attributes.</summary>
internal readonly record struct SftpName(string Name, string LongName, SftpAttributes Attributes);
