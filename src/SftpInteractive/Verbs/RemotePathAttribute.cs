namespace SftpInteractive;

/// <summary>Marks a parameter of a verb (<see cref="SftpVerbs"/>) as a remote path, so hosts complete remote paths in
/// a string literal passed to it (and to the session's method of the same name).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RemotePathAttribute : Attribute
{
}
