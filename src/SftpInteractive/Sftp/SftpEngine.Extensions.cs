namespace SftpInteractive;

/// <summary>OpenSSH's SFTP extensions (its PROTOCOL file, section 4), used when the server's VERSION offers them.</summary>
internal sealed partial class SftpEngine
{
    /// <summary>True when the server offered <paramref name="name"/>.</summary>
    public bool Supports(string name) => Extensions.ContainsKey(name);

    /// <summary><c>limits@openssh.com</c>: the server's packet, read and write sizes and open-handle limit (0: no limit said).</summary>
    public Task<SftpLimits> LimitsAsync(CancellationToken cancellationToken) =>
        RequestAsync(Extended(ExtensionNames.Limits), static (type, payload) =>
        {
            var reader = ExtendedReply(type, payload, ExtensionNames.Limits);
            return new SftpLimits(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
        }, cancellationToken);

    /// <summary><c>statvfs@openssh.com</c>: the file system holding <paramref name="path"/>.</summary>
    public Task<SftpFileSystem> StatVfsAsync(string path, CancellationToken cancellationToken)
    {
        var packet = Extended(ExtensionNames.StatVfs);
        packet.WriteString(path);
        return RequestAsync(packet, static (type, payload) =>
        {
            var r = ExtendedReply(type, payload, ExtensionNames.StatVfs);
            return new SftpFileSystem(r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(),
                r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64());
        }, cancellationToken);
    }

    /// <summary><c>fsync@openssh.com</c>: the server flushes an open file to its disk.</summary>
    public Task FsyncAsync(byte[] handle, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.Fsync);
        packet.WriteBytes(handle);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary><c>hardlink@openssh.com</c>: <paramref name="link"/> becomes another name of <paramref name="existing"/>.</summary>
    public Task HardLinkAsync(string existing, string link, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.HardLink);
        packet.WriteString(existing);
        packet.WriteString(link);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary><c>lsetstat@openssh.com</c>: set attributes of a link itself (times, owner), not of its target. Never
    /// SETSTAT instead: that would change the target.</summary>
    public Task LSetStatAsync(string path, SftpAttributes attributes, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.LSetStat);
        packet.WriteString(path);
        packet.WriteAttributes(attributes);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary><c>copy-data</c>: the server copies <paramref name="length"/> bytes (0: to the end) between two open handles.</summary>
    public Task CopyDataAsync(byte[] from, ulong fromOffset, ulong length, byte[] to, ulong toOffset, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.CopyData);
        packet.WriteBytes(from);
        packet.WriteUInt64(fromOffset);
        packet.WriteUInt64(length);
        packet.WriteBytes(to);
        packet.WriteUInt64(toOffset);
        return RequestAsync(packet, StatusParser, cancellationToken);
    }

    /// <summary><c>home-directory</c>: the home directory of <paramref name="user"/> (empty: the session's user).</summary>
    public Task<string> HomeDirectoryAsync(string user, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.HomeDirectory);
        packet.WriteString(user);
        return RequestAsync(packet, FirstNameParser, cancellationToken);
    }

    /// <summary><c>expand-path@openssh.com</c>: REALPATH that also expands a leading <c>~</c> or <c>~user</c>.</summary>
    public Task<string> ExpandPathAsync(string path, CancellationToken cancellationToken)
    {
        if (!Supports(ExtensionNames.ExpandPath))
        {
            return RealPathAsync(path, cancellationToken);
        }

        var packet = Extended(ExtensionNames.ExpandPath);
        packet.WriteString(path);
        return RequestAsync(packet, FirstNameParser, cancellationToken);
    }

    /// <summary>
    /// <c>users-groups-by-id@openssh.com</c>: the names of user and group ids (an empty name where the server knows none),
    /// in the order asked.
    /// </summary>
    public Task<(string[] Users, string[] Groups)> UsersGroupsByIdAsync(IReadOnlyList<uint> userIds, IReadOnlyList<uint> groupIds, CancellationToken cancellationToken)
    {
        var packet = RequireExtended(ExtensionNames.UsersGroupsById);
        packet.WriteBytes(Ids(userIds));
        packet.WriteBytes(Ids(groupIds));
        return RequestAsync(packet, (type, payload) =>
        {
            var reader = ExtendedReply(type, payload, ExtensionNames.UsersGroupsById);
            return (Names(reader.ReadBytes(), userIds.Count), Names(reader.ReadBytes(), groupIds.Count));
        }, cancellationToken);

        static byte[] Ids(IReadOnlyList<uint> ids)
        {
            var bytes = new byte[ids.Count * 4];
            for (var i = 0; i < ids.Count; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), ids[i]);
            }

            return bytes;
        }

        static string[] Names(ReadOnlySpan<byte> list, int count)
        {
            var reader = new SftpPacketReader(list);
            var names = new string[count];
            for (var i = 0; i < count && !reader.IsEmpty; i++)
            {
                names[i] = reader.ReadString();
            }

            return names;
        }
    }

    private static SftpPacketWriter Extended(string name)
    {
        var packet = Packet(SftpPacketType.Extended);
        packet.WriteString(name);
        return packet;
    }

    private SftpPacketWriter RequireExtended(string name) => Supports(name) ? Extended(name)
        : throw new Renci.SshNet.Common.SshException($"The server does not offer the SFTP extension {name}.");

    private static SftpPacketReader ExtendedReply(byte type, ReadOnlySpan<byte> payload, string name) => type switch
    {
        SftpPacketType.ExtendedReply => new SftpPacketReader(payload),
        SftpPacketType.Status => throw SftpReply.StatusError(payload) ?? SftpReply.Unexpected(type, name),
        _ => throw SftpReply.Unexpected(type, name),
    };
}

/// <summary>The names of OpenSSH's SFTP extensions.</summary>
internal static class ExtensionNames
{
    public const string Limits = "limits@openssh.com";
    public const string PosixRename = "posix-rename@openssh.com";
    public const string StatVfs = "statvfs@openssh.com";
    public const string Fsync = "fsync@openssh.com";
    public const string HardLink = "hardlink@openssh.com";
    public const string LSetStat = "lsetstat@openssh.com";
    public const string CopyData = "copy-data";
    public const string HomeDirectory = "home-directory";
    public const string ExpandPath = "expand-path@openssh.com";
    public const string UsersGroupsById = "users-groups-by-id@openssh.com";
}

/// <summary>The reply to <c>limits@openssh.com</c> (0: no limit said).</summary>
internal readonly record struct SftpLimits(ulong MaxPacket, ulong MaxRead, ulong MaxWrite, ulong MaxOpenHandles);

/// <summary>The reply to <c>statvfs@openssh.com</c>, as <c>struct statvfs</c>.</summary>
internal readonly record struct SftpFileSystem(ulong BlockSize, ulong FragmentSize, ulong Blocks, ulong FreeBlocks, ulong AvailableBlocks,
    ulong Files, ulong FreeFiles, ulong AvailableFiles, ulong FileSystemId, ulong Flags, ulong MaxNameLength);
