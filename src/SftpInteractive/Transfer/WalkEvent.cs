namespace SftpInteractive;

/// <summary>One thing a tree walk found: an entry (with its path below the root and depth, 1 = the root's children)
/// or a folder that could not be listed.</summary>
internal readonly record struct WalkEvent(RemoteEntry? Entry, string RelativePath, int Depth, PathError? Error);
