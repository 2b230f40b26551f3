using SftpInteractive.Scripting;
using static SftpInteractive.Scripting.Tests.Packages.PackageAssert;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>#r "nuget:" against the real package sources and the shared global packages folder.</summary>
public sealed class PackageReferenceTests
{
    [Fact]
    public async Task NuGetReference_CsvHelper_ParsesCsvInTheSameSubmission()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = await Run(engine, """
            #r "nuget: CsvHelper, 34.0.0"
            var csv = CsvHelper.CsvReader.FromText("name,size\na.csv,10\nb.csv,20\n", null);
            csv.ReadHeader();
            var names = new List<string>();
            while (csv.Read()) names.Add(csv.GetString("name"));
            string.Join("+", names)
            """, sink);
        var success = Ok(result);
        Assert.Equal("a.csv+b.csv", success.Value);
        var (shown, id) = Assert.Single(sink.Displays);
        Assert.StartsWith("Restoring CsvHelper 34.0.0", shown.Text);
        var (final, updatedId) = Assert.Single(sink.Updates);
        Assert.Equal(id, updatedId);
        Assert.Matches(@"^Installed CsvHelper 34\.0\.0 .*in \d+\.\d\d s", final.Text);
    }

    [Fact]
    public async Task NuGetReference_FloatingVersion_TakesHighestMatch()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Ok(await Run(engine, "#r \"nuget: Humanizer.Core, 2.*\"\nusing Humanizer;\n\"SomeFileName\".Humanize()", sink));
        Assert.Equal("Some file name", result.Value);
        Assert.StartsWith("Restoring Humanizer.Core 2.*", sink.Displays[0].Value.Text);
        Assert.StartsWith("Installed Humanizer.Core 2.14.1", sink.Updates[^1].Value.Text);
    }

    [Fact]
    public async Task NuGetReference_SeveralInOneSubmission_RestoreTogether()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Ok(await Run(engine, """
            #r "nuget: Newtonsoft.Json, 13.0.3"
            #r "nuget: CsvHelper, 34.0.0"
            Newtonsoft.Json.JsonConvert.SerializeObject(new { n = 1 }) + typeof(CsvHelper.CsvReader).Name
            """, sink));
        Assert.Equal("{\"n\":1}CsvReader", result.Value);
        var (shown, id) = Assert.Single(sink.Displays);
        Assert.Equal("Restoring Newtonsoft.Json 13.0.3, CsvHelper 34.0.0…", shown.Text);
        Assert.StartsWith("Installed Newtonsoft.Json 13.0.3, CsvHelper 34.0.0 in ", Assert.Single(sink.Updates).Value.Text);
    }

    [Fact]
    public async Task NuGetReference_SameAgain_IsNoOp_OtherVersionRefused()
    {
        await using var engine = new ScriptEngine();
        Ok(await Run(engine, "#r \"nuget: CsvHelper, 34.0.0\"\nvar kept = 41;"));
        var again = new RecordingSink();
        Ok(await Run(engine, "#r \"nuget: CsvHelper, 34.0.0\"", again));
        Assert.Equal("CsvHelper 34.0.0 is already loaded.", Assert.Single(again.Displays).Value.Text);
        Assert.Empty(again.Updates);

        Ok(await Run(engine, "#r \"nuget: CsvHelper, 34.*\"\n#r \"nuget: CsvHelper\""));
        Assert.Equal("NU1107", Failed(await Run(engine, "#r \"nuget: CsvHelper, 33.*\"")).Name);
        var other = Failed(await Run(engine, "#r \"nuget: CsvHelper, 33.0.1\""));
        Assert.Equal("NU1107", other.Name);
        Assert.Contains("CsvHelper 34.0.0 is already loaded", other.Message);
        Assert.Contains("33.0.1", other.Message);
        Assert.Contains("Restart", other.Message);
        Assert.Equal(42, Ok(await Run(engine, "kept + 1")).Value);
    }

    [Fact]
    public async Task NuGetReference_LoadedScript_RestoresItsPackages()
    {
        var folder = Directory.CreateTempSubdirectory("sftpi-load-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "helpers.csx"),
            "#r \"nuget: CsvHelper, 34.0.0\"\nstring FirstName(string text) { var csv = CsvHelper.CsvReader.FromText(text, null); csv.ReadHeader(); csv.Read(); return csv.GetString(\"name\"); }\n",
            TestContext.Current.CancellationToken);
        await using var engine = new ScriptEngine(baseDirectory: folder);
        var result = Ok(await Run(engine, "#load \"helpers.csx\"\nFirstName(\"name\\nx.csv\\n\")"));
        Assert.Equal("x.csv", result.Value);
    }

    [Fact]
    public async Task NuGetReference_LocalFolderFeed_PackageBuiltByTheTest()
    {
        var feed = await LocalFeed.GetAsync();
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Ok(await Run(engine,
            $"#i \"nuget: {feed.Folder}\"\n#r \"nuget: SftpInteractive.TestTiny, {feed.Version}\"\nTestTiny.Greeter.Hello(\"sftp\")", sink));
        Assert.Equal("hello sftp", result.Value);
        Assert.StartsWith($"Installed SftpInteractive.TestTiny {feed.Version} in ", sink.Updates[^1].Value.Text);
    }

    [Fact]
    public async Task NuGetReference_HostAssemblyClash_KeepsHostCopyAndSaysSo()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Ok(await Run(engine, "#r \"nuget: Microsoft.CodeAnalysis.Common, 4.8.0\"\n#r \"nuget: System.Text.Json, 11.0.0\"", sink));
        var text = sink.Updates[^1].Value.Text;
        Assert.Contains("Microsoft.CodeAnalysis.Common 4.8.0 brings Microsoft.CodeAnalysis 4.8.0.0; kept the host's 5.", text);
        Assert.Contains("System.Text.Json 11.0.0 brings System.Text.Json 11.0.0.0; kept the host's 10.", text);
        var result = Ok(await Run(engine,
            "System.Text.Json.JsonSerializer.Serialize(new[] { 1, 2 }) + Microsoft.CodeAnalysis.Text.SourceText.From(\"abc\").Length"));
        Assert.Equal("[1,2]3", result.Value);
    }

    [Fact]
    public async Task NuGetReference_NuGetConfigWithOnlyAnUnreachableSource_WorksOfflineFromTheCache()
    {
        // Make sure the cache has it (a no-network fast path when another test already restored it).
        await using (var online = new ScriptEngine())
        {
            Ok(await Run(online, "#r \"nuget: CsvHelper, 34.0.0\""));
        }

        var folder = Directory.CreateTempSubdirectory("sftpi-offline-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "NuGet.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="offline" value="http://127.0.0.1:9/v3/index.json" />
              </packageSources>
            </configuration>
            """, TestContext.Current.CancellationToken);
        await using var engine = new ScriptEngine(baseDirectory: folder);
        var sink = new RecordingSink();
        var result = Ok(await Run(engine, "#r \"nuget: CsvHelper, 34.*\"\ntypeof(CsvHelper.CsvReader).Assembly.GetName().Version!.Major", sink));
        Assert.Equal(34, result.Value);
        var text = sink.Updates[^1].Value.Text;
        Assert.StartsWith("Installed CsvHelper 34.0.0 in ", text);
        Assert.Contains("Not every source answered (offline (http://127.0.0.1:9/v3/index.json) [unreachable: ", text);
    }

    [Fact]
    public async Task NuGetReference_DirectiveOnlySubmission_CompletionSeesThePackage()
    {
        await using var engine = new ScriptEngine();
        var result = Ok(await Run(engine, "#r \"nuget: CsvHelper, 34.0.0\""));
        Assert.False(result.HasValue);
        var code = "CsvHelper.CsvRea";
        var list = await engine.CompleteAsync(code, code.Length, TestContext.Current.CancellationToken);
        Assert.Contains(list.Items, i => i.Text == "CsvReader");
    }
}
