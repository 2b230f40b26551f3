using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Install;

public sealed class KernelSpecInstallerTests
{
    [Fact]
    public void Install_Prefix_WritesKernelJsonUnderShareJupyterKernels()
    {
        var prefix = Directory.CreateTempSubdirectory("sftpi-prefix-").FullName;

        var dir = KernelSpecInstaller.Install(KernelSpecTarget.Prefix, prefix, ["/opt/tools/sftpi"]);

        Assert.Equal(Path.Combine(prefix, "share", "jupyter", "kernels", "sftpinteractive"), dir);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")))!;
        Assert.Equal("""["/opt/tools/sftpi","kernel","run","{connection_file}"]""", spec["argv"]!.ToJsonString());
        Assert.Equal("C# (SftpInteractive)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.NotNull(spec["metadata"]);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(dir, "logo-svg.svg")).TrimStart(), StringComparison.Ordinal);
        Directory.Delete(prefix, recursive: true);
    }

    [Fact]
    public void Install_PolyglotName_WritesTheKernelspecNotebooksSavedByPolyglotName()
    {
        var prefix = Directory.CreateTempSubdirectory("sftpi-prefix-").FullName;

        var dir = KernelSpecInstaller.Install(KernelSpecTarget.Prefix, prefix, ["/opt/tools/sftpi"], ".net-csharp");

        Assert.Equal(Path.Combine(prefix, "share", "jupyter", "kernels", ".net-csharp"), dir);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")))!;
        Assert.Equal("""["/opt/tools/sftpi","kernel","run","{connection_file}"]""", spec["argv"]!.ToJsonString());
        Assert.Equal("C# (SftpInteractive, standing in for .NET Interactive)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", "sftpinteractive")));
        Directory.Delete(prefix, recursive: true);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("my kernel", "' '")]
    [InlineData("../sftpinteractive", "'/'")]
    [InlineData("..", "folder name")]
    [InlineData(".NET-CSharp", "'.net-csharp'")]
    [InlineData("c#", "'#'")]
    public void Install_NameJupyterRefuses_ThrowsSayingWhy(string name, string why)
    {
        var prefix = Directory.CreateTempSubdirectory("sftpi-prefix-").FullName;

        var ex = Assert.Throws<ArgumentException>(() => KernelSpecInstaller.Install(KernelSpecTarget.Prefix, prefix, ["sftpi"], name));

        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(prefix));
        Directory.Delete(prefix, recursive: true);
    }

    [Theory]
    [InlineData("sftpinteractive", "C# (SftpInteractive)")]
    [InlineData(".net-csharp", "C# (SftpInteractive, standing in for .NET Interactive)")]
    [InlineData("csharp-sftp", "C# (SftpInteractive, csharp-sftp)")]
    public void DisplayNameFor_SaysWhichKernelItIs(string name, string display) =>
        Assert.Equal(display, KernelSpecInstaller.DisplayNameFor(name));

    [Fact]
    public void Install_PrefixWithoutDirectory_Throws() =>
        Assert.Throws<ArgumentException>(() => KernelSpecInstaller.Install(KernelSpecTarget.Prefix, null, ["sftpi"]));

    [Fact]
    public void LaunchCommandFor_Dotnet_AddsTheAssembly() =>
        Assert.Equal(["/usr/share/dotnet/dotnet", Path.GetFullPath("/x/sftpi.dll")], KernelSpecInstaller.LaunchCommandFor("/usr/share/dotnet/dotnet", "/x/sftpi.dll"));

    [Fact]
    public void LaunchCommandFor_AppHost_IsJustTheHost() =>
        Assert.Equal(["/root/.dotnet/tools/sftpi"], KernelSpecInstaller.LaunchCommandFor("/root/.dotnet/tools/sftpi", "/x/sftpi.dll"));

    [Fact]
    public void KernelsDirectory_SysPrefix_IsPythonPrefixShareJupyter()
    {
        if (!File.Exists("/usr/bin/jupyter"))
        {
            Assert.Skip("Debian's jupyter is not installed.");
        }

        // Debian's jupyter is /usr/bin/jupyter, whose sys.prefix is /usr (jupyter --paths lists /usr/share/jupyter).
        var dir = KernelSpecInstaller.KernelsDirectory(KernelSpecTarget.SysPrefix, null);

        Assert.EndsWith(Path.Combine("share", "jupyter", "kernels"), dir, StringComparison.Ordinal);
    }
}
