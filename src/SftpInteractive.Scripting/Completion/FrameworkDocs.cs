using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace SftpInteractive.Scripting;

/// <summary>
/// XML docs of the framework's own types and members. Submissions compile against the runtime's implementation
/// assemblies, which ship no docs; the SDK's reference pack (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref</c>,
/// present wherever <c>dotnet tool install</c> works) carries them per contract assembly. A symbol is looked up by its
/// documentation ID in its own assembly's file, then in <c>System.Runtime.xml</c> (where most of CoreLib's types are
/// documented). Each file is read once, on first need, off the key loop.
/// </summary>
internal static class FrameworkDocs
{
    private static readonly Lazy<string?> Folder = new(FindFolder);
    private static readonly ConcurrentDictionary<string, Lazy<Dictionary<string, string>>> Files = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>&lt;member&gt;</c> XML of <paramref name="symbol"/>, or null when the pack has none.</summary>
    public static string? Find(ISymbol symbol)
    {
        if (Folder.Value is not { } folder || symbol.ContainingAssembly is not { } assembly || symbol.GetDocumentationCommentId() is not { } id)
        {
            return null;
        }

        foreach (var name in new[] { assembly.Name, "System.Runtime" })
        {
            var docs = Files.GetOrAdd(name, n => new Lazy<Dictionary<string, string>>(() => Read(Path.Combine(folder, n + ".xml")))).Value;
            if (docs.TryGetValue(id, out var xml))
            {
                return xml;
            }
        }

        return null;
    }

    private static Dictionary<string, string> Read(string path)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return members;
        }

        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "member" && reader.GetAttribute("name") is { } name)
                {
                    members[name] = XElement.ReadFrom(reader).ToString();
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // Docs are a help, not a need: a broken file means no docs from it.
        }

        return members;
    }

    /// <summary>The reference pack's folder for the running runtime's major version (the newest one installed).</summary>
    private static string? FindFolder()
    {
        try
        {
            var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar); // …/shared/Microsoft.NETCore.App/10.0.x
            var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
            var packs = root is null ? null : Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
            if (packs is null || !Directory.Exists(packs))
            {
                return null;
            }

            var framework = $"net{Environment.Version.Major}.0";
            return Directory.GetDirectories(packs)
                .Where(d => Path.GetFileName(d).StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .Select(d => Path.Combine(d, "ref", framework))
                .FirstOrDefault(Directory.Exists);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
