using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>One <c>#r "nuget: Id[, Version]"</c>: the package id and the versions it accepts.</summary>
/// <param name="Id">Package id as typed.</param>
/// <param name="Range">Accepted versions: a plain <c>1.2.3</c> means "1.2.3 or the lowest above" as in a project file;
/// no version means the latest stable (<c>*</c>).</param>
/// <param name="VersionText">The version as typed, or null.</param>
internal sealed record PackageRequest(string Id, VersionRange Range, string? VersionText)
{
    /// <summary>True when the user typed one plain version (<c>34.0.0</c>), which they read as "exactly this one".</summary>
    public bool IsPlainVersion => VersionText is not null && NuGetVersion.TryParse(VersionText, out _);

    /// <summary>Whether <paramref name="version"/> is what this request asks for: a plain version must match exactly,
    /// a floating one its pattern (<c>33.*</c> is not satisfied by 34.0.0, although NuGet's range has no upper bound).</summary>
    public bool AcceptsLoaded(NuGetVersion version) =>
        IsPlainVersion ? Range.MinVersion == version
        : Range.IsFloating ? VersionText is null || Range.Float!.Satisfies(version)
        : Range.Satisfies(version);

    /// <summary>"CsvHelper 34.0.0", "CsvHelper 1.*", "CsvHelper (latest)".</summary>
    public override string ToString() => VersionText is null ? $"{Id} (latest)" : $"{Id} {VersionText}";
}
