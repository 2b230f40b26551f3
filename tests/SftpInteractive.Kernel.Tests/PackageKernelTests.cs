using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>#r "nuget:" in the kernel process, driven by jupyter_client: the restore status is one display updated in
/// place, then the package (and the SFTP helper) work in the same cell.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class PackageKernelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // The "transfer" scenario runs a setup cell, then records every iopub output of the second cell in order.
    private static (JsonObject Result, List<JsonObject> Outputs) RunCell(JupyterEnvironment jupyter, string cell)
    {
        var (code, stdout, stderr) = jupyter.Scenario(Limit, "transfer", "1", cell);
        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"scenario exited {code}: {stderr}");
        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!.AsObject();
        return (result, [.. result["outputs"]!.AsArray().Select(o => o!.AsObject())]);
    }

    private static string Text(JsonObject output) => output["text"]?.GetValue<string>() ?? string.Empty;

    private static string Type(JsonObject output) => output["type"]!.GetValue<string>();

    [Fact]
    public void NuGetReference_InACell_StatusUpdatedInPlaceThenPackageUsed()
    {
        using var jupyter = JupyterEnvironment.Create();

        var (result, outputs) = RunCell(jupyter, """
            #r "nuget: CsvHelper, 34.0.0"
            var csv = CsvHelper.CsvReader.FromText("name,size\na.csv,10\n", null);
            csv.ReadHeader();
            csv.Read();
            csv.GetString("name") + "!"
            """);

        Assert.Equal("ok", result["status"]!.GetValue<string>());
        var shown = outputs.Single(o => Type(o) == "display_data");
        var id = shown["display_id"]!.GetValue<string>();
        Assert.Equal("Restoring CsvHelper 34.0.0…", Text(shown));
        var update = outputs.Single(o => Type(o) == "update_display_data");
        Assert.Equal(id, update["display_id"]!.GetValue<string>());
        Assert.Matches(@"^Installed CsvHelper 34\.0\.0 in \d+\.\d\d s", Text(update));
        Assert.True(outputs.IndexOf(shown) < outputs.IndexOf(update));
        Assert.Contains("a.csv!", Text(outputs.Single(o => Type(o) == "execute_result")), StringComparison.Ordinal);
    }

    [Fact]
    public void NuGetReference_UnknownPackage_ErrorNamesPackageAndKernelStaysUsable()
    {
        using var jupyter = JupyterEnvironment.Create();

        var (result, outputs) = RunCell(jupyter, "#r \"nuget: SftpInteractive.NoSuchPackage.Zz, 1.0.0\"");

        Assert.Equal("error", result["status"]!.GetValue<string>());
        Assert.Equal("NU1101", result["ename"]!.GetValue<string>());
        Assert.StartsWith("Package SftpInteractive.NoSuchPackage.Zz 1.0.0 was not found. Sources tried: ", result["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Restoring SftpInteractive.NoSuchPackage.Zz 1.0.0 failed.", Text(outputs.Single(o => Type(o) == "update_display_data")));
        Assert.Equal("ok", result["after_status"]!.GetValue<string>());
    }

    [Fact]
    public void NuGetReference_ThenSftpHelper_InOneCell()
    {
        var server = TestServer.Require();
        using var jupyter = JupyterEnvironment.Create();
        File.Copy(server.EnvFile("password"), Path.Combine(jupyter.WorkDir, ".env"));

        var (result, outputs) = RunCell(jupyter, $"#r \"nuget: CsvHelper, 34.0.0\"\nConnect();\nLs(\"{server.DataRoot}\")");

        Assert.Equal("ok", result["status"]!.GetValue<string>());
        Assert.Contains(outputs, o => Type(o) == "update_display_data" && Text(o).StartsWith("Installed CsvHelper 34.0.0", StringComparison.Ordinal));
        Assert.Contains("WMR_Spots", Text(outputs.Single(o => Type(o) == "execute_result")), StringComparison.Ordinal);
    }
}
