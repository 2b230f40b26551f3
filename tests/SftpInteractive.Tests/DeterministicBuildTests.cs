using System.Reflection.Metadata;
using System.Text;

namespace SftpInteractive.Tests;

/// <summary>No build-machine path in what we ship: the assemblies and PDBs of src/ (what the packages carry) name
/// their sources under <c>/_/</c>, so an error's frames never show the folder the package was built in.</summary>
public sealed class DeterministicBuildTests
{
    [Fact]
    public void ShippedAssemblyAndPdb_NameNoFolderOfTheBuildMachine()
    {
        var assembly = typeof(SftpSession).Assembly.Location;
        var root = RepositoryRoot(Path.GetDirectoryName(assembly)!);
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assembly, ".pdb")));
        var reader = pdb.GetMetadataReader();

        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();

        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.StartsWith("/_/SftpInteractive/", d, StringComparison.Ordinal));
        Assert.True(File.ReadAllBytes(assembly).AsSpan().IndexOf(Encoding.UTF8.GetBytes(root)) < 0, $"the assembly names {root}");
    }

    private static string RepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SftpInteractive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("not inside the repository");
    }
}
