using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>#r "nuget:" against the real package sources and the shared global packages folder.</summary>
public sealed class PackageReferenceTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink? sink = null) =>
        await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken);

    private static SubmissionResult.Success Ok(SubmissionResult result) =>
        result as SubmissionResult.Success ?? throw new Xunit.Sdk.XunitException($"expected success, got {result}");

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
}
