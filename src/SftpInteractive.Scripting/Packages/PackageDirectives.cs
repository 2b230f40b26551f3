using System.Text.RegularExpressions;
using NuGet.Packaging;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Takes <c>#r "nuget: ..."</c> and <c>#i "nuget: ..."</c> lines out of a submission or a <c>#load</c>ed file before
/// Roslyn sees them (it rejects <c>#i</c> and would look for a file named "nuget: ..."). Each directive line becomes an
/// empty line, so diagnostics keep their line numbers.
/// </summary>
internal static partial class PackageDirectives
{
    /// <summary>Splits <paramref name="code"/> into the code Roslyn compiles and the package directives it held.</summary>
    public static PackageDirectiveSet Extract(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!code.Contains("#r", StringComparison.Ordinal) && !code.Contains("#i", StringComparison.Ordinal))
        {
            return new PackageDirectiveSet(code, [], [], []);
        }

        var lines = code.Split('\n');
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (Reference().Match(line) is { Success: true } r)
            {
                if (!IsNuGet(r.Groups["scheme"].Value, line, errors))
                {
                    continue;
                }

                if (ParseReference(r.Groups["rest"].Value, line, out var error) is { } request)
                {
                    packages.Add(request);
                }
                else
                {
                    errors.Add(error);
                }
            }
            else if (Include().Match(line) is { Success: true } inc)
            {
                var source = inc.Groups["rest"].Value.Trim();
                if (IsNuGet(inc.Groups["scheme"].Value, line, errors))
                {
                    if (source.Length == 0)
                    {
                        errors.Add($"`{line.Trim()}` names no source; write `#i \"nuget: https://host/v3/index.json\"` or `#i \"nuget: /path/to/folder\"`.");
                    }
                    else
                    {
                        sources.Add(source);
                    }
                }
            }
            else if (BareInclude().IsMatch(line))
            {
                errors.Add($"`{line.Trim()}` is not understood; write `#i \"nuget: <feed url or local folder>\"`.");
            }
            else
            {
                continue;
            }

            lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
        }

        return new PackageDirectiveSet(string.Join('\n', lines), packages, sources, errors);
    }

    private static bool IsNuGet(string scheme, string line, List<string> errors)
    {
        if (scheme.Equals("nuget", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var fixedLine = line.Trim().Replace(scheme + ":", "nuget:", StringComparison.Ordinal);
        errors.Add($"`{line.Trim()}`: unknown scheme '{scheme}:'; did you mean `{fixedLine}`?");
        return false;
    }

    private static PackageRequest? ParseReference(string rest, string line, out string error)
    {
        error = string.Empty;
        // A range such as [1.0,2.0) holds a comma itself: only the first comma separates id and version.
        var comma = rest.IndexOf(',', StringComparison.Ordinal);
        var id = (comma < 0 ? rest : rest[..comma]).Trim();
        var version = comma < 0 ? string.Empty : rest[(comma + 1)..].Trim();
        if (!PackageIdValidator.IsValidPackageId(id))
        {
            error = $"`{line.Trim()}` names no valid package; write `#r \"nuget: PackageName\"` or `#r \"nuget: PackageName, 1.2.3\"`.";
            return null;
        }

        if (version.Length == 0)
        {
            return new PackageRequest(id, VersionRange.Parse("*"), null);
        }

        if (VersionRange.TryParse(version, allowFloating: true, out var range))
        {
            return new PackageRequest(id, range, version);
        }

        error = $"`{line.Trim()}`: '{version}' is not a version or version range (examples: 34.0.0, 1.*, [1.0,2.0), 2.0.0-beta*).";
        return null;
    }

    // #r "scheme: rest" — a scheme of two letters or more, so "C:\lib\x.dll" stays a file reference for Roslyn.
    [GeneratedRegex("""^\s*#r\s+"(?<scheme>[A-Za-z][A-Za-z0-9]+):(?<rest>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^\s*#i\s+"(?<scheme>[A-Za-z][A-Za-z0-9]+):(?<rest>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex Include();

    [GeneratedRegex("""^\s*#i\b""")]
    private static partial Regex BareInclude();
}
