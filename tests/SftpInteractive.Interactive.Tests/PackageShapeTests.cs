using System.IO.Compression;
using System.Xml.Linq;

namespace SftpInteractive.Interactive.Tests;

/// <summary>What the packages built in this run carry: the core package none of the engine's dependency tree; the
/// extension package its assembly and extension.dib under interactive-extensions/dotnet, no lib/ (notebooks compile
/// against the core only) and one dependency, the core package.</summary>
public sealed class PackageShapeTests(EngineHarness engine)
{
    private (IReadOnlyList<string> Entries, IReadOnlyList<string> Dependencies) Read(string id)
    {
        engine.RequirePackages();
        using var zip = ZipFile.OpenRead(Path.Combine(engine.PackageFolder, $"{id}.{engine.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).ToList();
        return (entries, dependencies);
    }

    [Fact]
    public void CorePackage_HasNoDotNetInteractiveDependency()
    {
        var (entries, dependencies) = Read("SftpInteractive");

        Assert.Contains("lib/net10.0/SftpInteractive.dll", entries);
        Assert.Contains("interactive-extensions/dotnet/extension.dib", entries);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) || d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void ExtensionPackage_CarriesTheExtensionAndDependsOnTheCoreOnly()
    {
        var (entries, dependencies) = Read("SftpInteractive.Interactive");

        Assert.Contains("interactive-extensions/dotnet/SftpInteractive.Interactive.dll", entries);
        Assert.Contains("interactive-extensions/dotnet/extension.dib", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.Equal(["SftpInteractive"], dependencies);
    }
}
