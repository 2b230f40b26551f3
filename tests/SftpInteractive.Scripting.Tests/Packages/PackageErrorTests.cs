using SftpInteractive.Scripting;
using static SftpInteractive.Scripting.Tests.Packages.PackageAssert;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>Bad package input gives one clear message (package and sources named, no stack trace) and the session,
/// with everything defined before, keeps working.</summary>
public sealed class PackageErrorTests
{
    private static async Task<SubmissionResult.Failure> FailsAndSessionLives(ScriptEngine engine, string code)
    {
        var failure = Failed(await Run(engine, code));
        Assert.Empty(failure.StackTrace);
        Assert.DoesNotContain("   at ", failure.Message);
        Assert.Equal(42, Ok(await Run(engine, "kept + 1")).Value);
        return failure;
    }

    [Fact]
    public async Task NuGetReference_UnknownPackage_NamesPackageAndSources()
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine, "#r \"nuget: SftpInteractive.NoSuchPackage.Zz\"");
        Assert.Equal("NU1101", failure.Name);
        Assert.Equal("Package SftpInteractive.NoSuchPackage.Zz (latest) was not found. Sources tried: nuget.org (https://api.nuget.org/v3/index.json).", failure.Message);
    }

    [Fact]
    public async Task NuGetReference_UnknownVersion_ListsAvailableVersions()
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine, "#r \"nuget: CsvHelper, 999.0.0\"");
        Assert.Equal("NU1102", failure.Name);
        Assert.StartsWith("Package CsvHelper 999.0.0: no version matches '999.0.0' (available: 34.0.0, ", failure.Message);
        Assert.EndsWith("Sources tried: nuget.org (https://api.nuget.org/v3/index.json).", failure.Message);
    }

    [Fact]
    public async Task NuGetReference_UnreachableSource_SaysWhichAndWhy()
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine,
            "#i \"nuget: http://127.0.0.1:9/v3/index.json\"\n#r \"nuget: SftpInteractive.NoSuchPackage.Zz\"");
        Assert.Equal("NU1301", failure.Name);
        Assert.StartsWith("Package SftpInteractive.NoSuchPackage.Zz (latest) could not be restored: not found in the sources that answered, some did not answer", failure.Message);
        Assert.Contains("http://127.0.0.1:9/v3/index.json [unreachable: ", failure.Message);
    }

    [Fact]
    public async Task NuGetReference_NoNet10Assets_SaysWhatThePackageTargets()
    {
        var feed = await LocalFeed.GetAsync();
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine, $"#i \"nuget: {feed.Folder}\"\n#r \"nuget: SftpInteractive.TestFuture, {feed.Version}\"");
        Assert.Equal("NU1202", failure.Name);
        Assert.Equal($"Package SftpInteractive.TestFuture {feed.Version} has no assemblies for net10.0 (it targets net11.0).", failure.Message);
    }

    [Theory]
    [InlineData("#r \"nuget:\"", "`#r \"nuget:\"` names no valid package; write `#r \"nuget: PackageName\"` or `#r \"nuget: PackageName, 1.2.3\"`.")]
    [InlineData("#r \"nuget: ,1.0\"", "`#r \"nuget: ,1.0\"` names no valid package; write `#r \"nuget: PackageName\"` or `#r \"nuget: PackageName, 1.2.3\"`.")]
    [InlineData("#r \"nugget: CsvHelper\"", "`#r \"nugget: CsvHelper\"`: unknown scheme 'nugget:'; did you mean `#r \"nuget: CsvHelper\"`?")]
    [InlineData("#r \"nuget: CsvHelper, 3.x.y\"", "`#r \"nuget: CsvHelper, 3.x.y\"`: '3.x.y' is not a version or version range (examples: 34.0.0, 1.*, [1.0,2.0), 2.0.0-beta*).")]
    [InlineData("#i \"nuget:\"", "`#i \"nuget:\"` names no source; write `#i \"nuget: https://host/v3/index.json\"` or `#i \"nuget: /path/to/folder\"`.")]
    public async Task NuGetReference_DirectiveTypo_OneClearMessage(string code, string message)
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine, code);
        Assert.Equal("PackageDirective", failure.Name);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task NuGetReference_MissingLocalSourceFolder_Refused()
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "var kept = 41;"));
        var failure = await FailsAndSessionLives(engine, "#i \"nuget: /nonexistent/sftpi-feed\"");
        Assert.Equal("Package source folder /nonexistent/sftpi-feed does not exist (relative paths start at the working directory).", failure.Message);
    }

    [Fact]
    public async Task NuGetReference_DiagnosticLines_KeepTheirNumbers()
    {
        await using var engine = new ScriptEngine();
        var failure = Failed(await Run(engine, "#r \"nuget: CsvHelper, 34.0.0\" // the CSV reader\n#i \"nuget: https://api.nuget.org/v3/index.json\"\nvar x = nope;"));
        Assert.Equal(3, Assert.Single(failure.Diagnostics).Line);
    }
}
