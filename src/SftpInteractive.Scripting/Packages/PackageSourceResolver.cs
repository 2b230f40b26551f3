using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Resolves <c>#load</c> like Roslyn's file resolver, but hands the compiler each file with its package directives
/// taken out; <see cref="Collect"/> finds those directives (through nested <c>#load</c>s) before the submission
/// compiles, so the packages are restored and referenced first.
/// </summary>
internal sealed class PackageSourceResolver(string baseDirectory) : SourceReferenceResolver
{
    private readonly SourceFileResolver _files = new([], baseDirectory);

    /// <summary>The package directives of every file <paramref name="code"/> loads, directly or through other
    /// <c>#load</c>s, each file once. Files that do not exist are skipped: the compiler reports them.</summary>
    public IReadOnlyList<PackageDirectiveSet> Collect(string code)
    {
        var found = new List<PackageDirectiveSet>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Walk(code, null, found, seen, depth: 0);
        return found;
    }

    /// <inheritdoc />
    public override string? NormalizePath(string path, string? baseFilePath) => _files.NormalizePath(path, baseFilePath);

    /// <inheritdoc />
    public override string? ResolveReference(string path, string? baseFilePath) => _files.ResolveReference(path, baseFilePath);

    /// <inheritdoc />
    public override Stream OpenRead(string resolvedPath) =>
        new MemoryStream(Encoding.UTF8.GetBytes(PackageDirectives.Extract(File.ReadAllText(resolvedPath)).Code));

    /// <inheritdoc />
    public override bool Equals(object? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => _files.GetHashCode();

    private void Walk(string code, string? filePath, List<PackageDirectiveSet> found, HashSet<string> seen, int depth)
    {
        if (depth > 32 || !code.Contains("#load", StringComparison.Ordinal))
        {
            return;
        }

        var root = CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions).GetCompilationUnitRoot();
        foreach (var directive in root.GetLoadDirectives())
        {
            if (ResolveReference(directive.File.ValueText, filePath) is not { } resolved || !seen.Add(resolved) || !File.Exists(resolved))
            {
                continue;
            }

            var set = PackageDirectives.Extract(File.ReadAllText(resolved));
            found.Add(set);
            Walk(set.Code, resolved, found, seen, depth + 1);
        }
    }
}
