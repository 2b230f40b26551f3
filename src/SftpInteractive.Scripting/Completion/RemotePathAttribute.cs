namespace SftpInteractive.Scripting;

/// <summary>Marks a parameter of a <see cref="ScriptGlobals"/> verb as a remote path, so Tab completes remote paths in
/// a string literal passed to it (and to the session's method of the same name).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
internal sealed class RemotePathAttribute : Attribute
{
}
