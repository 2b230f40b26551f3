using System.Diagnostics;
using NuGet.Packaging;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>
/// A local folder feed with packages this test run builds itself: <c>SftpInteractive.TestTiny</c> packed by
/// <c>dotnet pack</c> from a generated project (a fresh version each run, so the global packages folder never has it
/// yet), and <c>SftpInteractive.TestFuture</c>, which only has assemblies for a framework newer than net10.0. Built once
/// per test process.
/// </summary>
public sealed class LocalFeed
{
    private static readonly Lazy<Task<LocalFeed>> Shared = new(CreateAsync);

    private LocalFeed(string folder, string version)
    {
        Folder = folder;
        Version = version;
    }

    public string Folder { get; }

    /// <summary>The version of both test packages in this run.</summary>
    public string Version { get; }

    public static Task<LocalFeed> GetAsync() => Shared.Value;

    private static async Task<LocalFeed> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("sftpi-feed-").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        var version = $"1.0.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-t{Environment.ProcessId}";
        var project = Directory.CreateDirectory(Path.Combine(root, "TestTiny")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "TestTiny.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>SftpInteractive.TestTiny</PackageId>
                <Authors>tests</Authors>
                <Description>A package the SftpInteractive tests build.</Description>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Greeter.cs"),
            "namespace TestTiny;\npublic static class Greeter { public static string Hello(string name) => \"hello \" + name; }\n");
        await PackAsync(project, feed, version);
        WriteFuturePackage(feed, version, Path.Combine(project, "bin", "Release", "net10.0", "TestTiny.dll"));
        return new LocalFeed(feed, version);
    }

    private static async Task PackAsync(string project, string feed, string version)
    {
        var start = new ProcessStartInfo("dotnet", ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-p:AssemblyVersion=1.0.0.0", "-p:FileVersion=1.0.0.0", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet pack failed: {await output}{await errors}");
    }

    // NuGet's own PackageBuilder writes the package; its only assembly is under lib/net11.0, which net10.0 cannot use.
    private static void WriteFuturePackage(string feed, string version, string anyAssembly)
    {
        var builder = new PackageBuilder { Id = "SftpInteractive.TestFuture", Version = NuGetVersion.Parse(version), Description = "net11.0 only" };
        builder.Authors.Add("tests");
        builder.Files.Add(new PhysicalPackageFile { SourcePath = anyAssembly, TargetPath = "lib/net11.0/TestFuture.dll" });
        using var stream = File.Create(Path.Combine(feed, $"SftpInteractive.TestFuture.{version}.nupkg"));
        builder.Save(stream);
    }
}
