namespace SftpInteractive.Widgets;

/// <summary>A file the user chose in a <see cref="FileUpload"/>.</summary>
/// <param name="Name">The file's name on the user's machine.</param>
/// <param name="Type">Its MIME type as the browser guessed it.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="LastModified">When it was last modified.</param>
/// <param name="Content">Its bytes.</param>
public sealed record UploadedFile(string Name, string Type, long Size, DateTimeOffset LastModified, ReadOnlyMemory<byte> Content);
