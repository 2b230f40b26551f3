using NuGet.Packaging.Core;

namespace SftpInteractive.Scripting.Packages;

/// <summary>A package of the restored graph, extracted in the global packages folder.</summary>
/// <param name="Identity">Id (as the package spells it) and version.</param>
/// <param name="Direct">True when a <c>#r</c> asked for it; false for a dependency.</param>
/// <param name="Downloaded">True when this restore downloaded it (false: it came from the cache).</param>
internal sealed record ResolvedPackage(PackageIdentity Identity, bool Direct, bool Downloaded)
{
    /// <inheritdoc />
    public override string ToString() => $"{Identity.Id} {Identity.Version.ToNormalizedString()}";
}
