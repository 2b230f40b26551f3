namespace SftpInteractive;

/// <summary>File system capacity at a remote path (the server's <c>statvfs@openssh.com</c>).</summary>
/// <param name="Path">The path that was asked about.</param>
/// <param name="TotalBytes">Size of the file system.</param>
/// <param name="FreeBytes">Free space.</param>
/// <param name="AvailableBytes">Space available to this user.</param>
/// <param name="TotalFiles">Number of inodes.</param>
/// <param name="FreeFiles">Free inodes.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record DiskUsage(string Path, long TotalBytes, long FreeBytes, long AvailableBytes, long TotalFiles, long FreeFiles) : IRichDisplay
{
    /// <summary>Used space.</summary>
    public long UsedBytes => TotalBytes - FreeBytes;

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => ToText();

    private DisplayTable ToTable()
    {
        var percent = TotalBytes == 0 ? 0 : 100.0 * UsedBytes / TotalBytes;
        return new DisplayTable($"Disk usage at {Path}", "Size", "Used", "Available", "Use%")
            .AlignRight(0, 1, 2, 3)
            .AddRow(Format.Bytes(TotalBytes), Format.Bytes(UsedBytes), Format.Bytes(AvailableBytes),
                percent.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%");
    }
}
