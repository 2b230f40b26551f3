using System.Diagnostics;
using System.IO.Compression;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>The NuGet package Polyglot users load with <c>#r "nuget: SftpInteractive"</c>.</summary>
public sealed class PackageLayoutTests
{
    [Fact]
    public async Task Pack_CorePackage_CarriesExtensionDibAndNoDotNetInteractiveDependency()
    {
        var output = Directory.CreateTempSubdirectory("sftpi-pack-").FullName;
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var project = Path.Combine(TestServer.RepoRoot, "src", "SftpInteractive", "SftpInteractive.csproj");
        var psi = new ProcessStartInfo("dotnet", ["pack", project, "--no-build", "-c", configuration, "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using (var process = Process.Start(psi)!)
        {
            var log = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, await log);
        }

        var package = Assert.Single(Directory.GetFiles(output, "SftpInteractive.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("interactive-extensions/dotnet/extension.dib", names);
        Assert.Contains("lib/net10.0/SftpInteractive.dll", names);
        using var dib = new StreamReader(zip.GetEntry("interactive-extensions/dotnet/extension.dib")!.Open());
        var text = await dib.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("#!csharp", text, StringComparison.Ordinal);
        Assert.Contains("PolyglotExtension.Load()", text, StringComparison.Ordinal);
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var spec = await nuspec.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("SSH.NET", spec, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", spec, StringComparison.Ordinal);
    }
}
