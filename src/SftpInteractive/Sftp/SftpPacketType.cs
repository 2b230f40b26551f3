namespace SftpInteractive;

/// <summary>SSH_FXP_* packet types of SFTP version 3 (draft-ietf-secsh-filexfer-02, section 3).</summary>
internal static class SftpPacketType
{
    public const byte Init = 1;
    public const byte Version = 2;
    public const byte Open = 3;
    public const byte Close = 4;
    public const byte Read = 5;
    public const byte Write = 6;
    public const byte LStat = 7;
    public const byte FStat = 8;
    public const byte SetStat = 9;
    public const byte FSetStat = 10;
    public const byte OpenDir = 11;
    public const byte ReadDir = 12;
    public const byte Remove = 13;
    public const byte MkDir = 14;
    public const byte RmDir = 15;
    public const byte RealPath = 16;
    public const byte Stat = 17;
    public const byte Rename = 18;
    public const byte ReadLink = 19;
    public const byte SymLink = 20;
    public const byte Status = 101;
    public const byte Handle = 102;
    public const byte Data = 103;
    public const byte Name = 104;
    public const byte Attrs = 105;
    public const byte Extended = 200;
    public const byte ExtendedReply = 201;
}

/// <summary>SSH_FXF_* open flags.</summary>
[Flags]
internal enum SftpOpenFlags : uint
{
    Read = 0x01,
    Write = 0x02,
    Append = 0x04,
    Create = 0x08,
    Truncate = 0x10,
    Exclusive = 0x20,
}

/// <summary>SSH_FX_* status codes.</summary>
internal enum SftpStatusCode : uint
{
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
}
