namespace SftpInteractive;

/// <summary>One verb as <c>Help()</c> lists it.</summary>
/// <param name="Name">The verb's name (<c>Get</c>).</param>
/// <param name="Usage">Its overloads and async form (<c>Get(remotePath, localPath, [options]) / GetAsync(...)</c>).</param>
/// <param name="Description">One line saying what it does.</param>
/// <param name="Group">Its section.</param>
public sealed record VerbInfo(string Name, string Usage, string Description, VerbGroup Group);
