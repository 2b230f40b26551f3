namespace SftpInteractive.Scripting.Packages;

/// <summary>A restore that cannot go on. <see cref="Code"/> is NuGet's own code where one fits (NU1101 unknown
/// package, NU1102 unknown version, NU1301 unreachable source, NU1202 no assets for the framework), so people who know
/// <c>dotnet restore</c> recognise it. Caught at the engine's boundary and turned into a failure value.</summary>
internal sealed class PackageException(string code, string message) : Exception(message)
{
    /// <summary>NU1101, NU1102, NU1202, NU1301 or PackageDirective.</summary>
    public string Code { get; } = code;
}
