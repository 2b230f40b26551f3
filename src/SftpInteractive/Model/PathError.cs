namespace SftpInteractive;

/// <summary>A path that could not be listed or transferred; the rest of the job went on.</summary>
/// <param name="Path">The path that failed.</param>
/// <param name="Message">Why, and what to do next.</param>
public sealed record PathError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
