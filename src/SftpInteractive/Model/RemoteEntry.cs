using System.Globalization;

namespace SftpInteractive;

/// <summary>One remote file, directory or link with its attributes, as <c>ls -l</c> shows it.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Path">Its absolute remote path.</param>
/// <param name="Type">File, directory, symlink or other.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="ModifiedUtc">Last modification time (UTC).</param>
/// <param name="Mode">Permission bits (for example 0o644 = 420), including setuid, setgid and sticky.</param>
/// <param name="UserId">Owner's numeric id.</param>
/// <param name="GroupId">Group's numeric id.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record RemoteEntry(string Name, string Path, RemoteEntryType Type, long Size, DateTime ModifiedUtc, int Mode, int UserId, int GroupId)
    : IRichDisplay
{
    /// <summary>Owner's name when the server's /etc/passwd is readable, otherwise the numeric id.</summary>
    public string Owner { get; init; } = UserId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Group's name when the server's /etc/group is readable, otherwise the numeric id.</summary>
    public string Group { get; init; } = GroupId.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for directories.</summary>
    public bool IsDirectory => Type == RemoteEntryType.Directory;

    /// <summary>True for regular files.</summary>
    public bool IsFile => Type == RemoteEntryType.File;

    /// <summary>True for symbolic links.</summary>
    public bool IsSymlink => Type == RemoteEntryType.Symlink;

    /// <summary>Permissions as <c>ls -l</c> prints them, for example <c>drwxr-xr-x</c>.</summary>
    public string Permissions => Model.PermissionText.From(Type, Mode);

    /// <summary>Permission bits in octal, for example <c>0644</c>.</summary>
    public string OctalMode => Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0');

    /// <inheritdoc />
    public string ToText() =>
        $"{Permissions} {Owner,-8} {Group,-8} {Size,12} {Format.Time(ModifiedUtc)} {Path}";

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <summary>A one-row table of this entry.</summary>
    public DisplayTable ToTable() => RemoteListing.EntriesTable(null, [this], showPath: true);

    /// <inheritdoc />
    public override string ToString() => ToText();
}
