namespace SftpInteractive.Scripting.Packages;

/// <summary>A submission with its package directives taken out.</summary>
/// <param name="Code">The code Roslyn compiles (directive lines left empty).</param>
/// <param name="Packages">The <c>#r "nuget: ..."</c> requests, in order.</param>
/// <param name="Sources">The <c>#i "nuget: ..."</c> sources, in order.</param>
/// <param name="Errors">One message per malformed directive.</param>
internal sealed record PackageDirectiveSet(
    string Code, IReadOnlyList<PackageRequest> Packages, IReadOnlyList<string> Sources, IReadOnlyList<string> Errors)
{
    /// <summary>True when there is nothing to restore or report.</summary>
    public bool IsEmpty => Packages.Count == 0 && Sources.Count == 0 && Errors.Count == 0;
}
