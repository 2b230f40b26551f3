namespace SftpInteractive;

/// <summary>
/// SFTP version 3 file attributes (draft section 5): each field present only when its flag is set. Extended
/// attributes are read and skipped.
/// </summary>
internal readonly record struct SftpAttributes
{
    public const uint SizeFlag = 0x1;
    public const uint UidGidFlag = 0x2;
    public const uint PermissionsFlag = 0x4;
    public const uint TimesFlag = 0x8;
    public const uint ExtendedFlag = 0x80000000;

    public uint Flags { get; init; }

    public ulong Size { get; init; }

    public uint UserId { get; init; }

    public uint GroupId { get; init; }

    /// <summary>The mode: file type bits (<c>S_IFMT</c>) and permission bits.</summary>
    public uint Permissions { get; init; }

    public uint AccessTime { get; init; }

    public uint ModifyTime { get; init; }

    public bool HasSize => (Flags & SizeFlag) != 0;

    public bool HasPermissions => (Flags & PermissionsFlag) != 0;

    public bool IsDirectory => HasPermissions && (Permissions & 0xF000) == 0x4000;

    public bool IsRegularFile => HasPermissions && (Permissions & 0xF000) == 0x8000;

    public bool IsSymbolicLink => HasPermissions && (Permissions & 0xF000) == 0xA000;

    public DateTime ModifiedUtc => DateTime.UnixEpoch.AddSeconds(ModifyTime);

    /// <summary>Attributes that set only the times: <paramref name="modifiedUtc"/>, and the access time of
    /// <paramref name="current"/> when it has one (else the same time).</summary>
    public static SftpAttributes ModifiedAt(DateTime modifiedUtc, SftpAttributes current)
    {
        var seconds = Seconds(modifiedUtc);
        var access = (current.Flags & TimesFlag) != 0 ? current.AccessTime : seconds;
        return new SftpAttributes { Flags = TimesFlag, AccessTime = access, ModifyTime = seconds };
    }

    /// <summary>Attributes that set only the times, both given (as <c>sftp -p</c> copies a local file's).</summary>
    public static SftpAttributes Times(DateTime accessedUtc, DateTime modifiedUtc) =>
        new() { Flags = TimesFlag, AccessTime = Seconds(accessedUtc), ModifyTime = Seconds(modifiedUtc) };

    private static uint Seconds(DateTime utc) => (uint)Math.Clamp((long)(utc.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds, 0, uint.MaxValue);

    public static SftpAttributes ReadFrom(ref SftpPacketReader reader)
    {
        var flags = reader.ReadUInt32();
        ulong size = 0;
        uint uid = 0, gid = 0, permissions = 0, atime = 0, mtime = 0;
        if ((flags & SizeFlag) != 0)
        {
            size = reader.ReadUInt64();
        }

        if ((flags & UidGidFlag) != 0)
        {
            (uid, gid) = (reader.ReadUInt32(), reader.ReadUInt32());
        }

        if ((flags & PermissionsFlag) != 0)
        {
            permissions = reader.ReadUInt32();
        }

        if ((flags & TimesFlag) != 0)
        {
            (atime, mtime) = (reader.ReadUInt32(), reader.ReadUInt32());
        }

        if ((flags & ExtendedFlag) != 0)
        {
            var count = reader.ReadUInt32();
            for (var i = 0; i < count; i++)
            {
                reader.ReadBytes();
                reader.ReadBytes();
            }
        }

        return new SftpAttributes
        {
            Flags = flags & ~ExtendedFlag, Size = size, UserId = uid, GroupId = gid, Permissions = permissions, AccessTime = atime, ModifyTime = mtime,
        };
    }

    public void WriteTo(ref SftpPacketWriter writer)
    {
        var flags = Flags & ~ExtendedFlag;
        writer.WriteUInt32(flags);
        if ((flags & SizeFlag) != 0)
        {
            writer.WriteUInt64(Size);
        }

        if ((flags & UidGidFlag) != 0)
        {
            writer.WriteUInt32(UserId);
            writer.WriteUInt32(GroupId);
        }

        if ((flags & PermissionsFlag) != 0)
        {
            writer.WriteUInt32(Permissions);
        }

        if ((flags & TimesFlag) != 0)
        {
            writer.WriteUInt32(AccessTime);
            writer.WriteUInt32(ModifyTime);
        }
    }
}
