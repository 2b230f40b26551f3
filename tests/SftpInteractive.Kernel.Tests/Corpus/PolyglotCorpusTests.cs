using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>
/// Notebooks written for Polyglot run in our kernel at least as completely as in the .NET Interactive engine, cell
/// for cell, with the same kinds of output. python/polyglot_corpus.py runs the corpus with nbclient against our
/// kernel (the tool built beside these tests) and the engine's Jupyter kernel (tests/tools/install-dotnet-interactive);
/// when the engine cannot run, ours is compared with the engine's results recorded in the corpus, and the output says so.
/// </summary>
[Collection(JupyterProcesses.Name)]
public sealed class PolyglotCorpusTests
{
    // Both kernels over 62 cells take ~1.5 min here; restoring Microsoft.Data.Analysis and Plotly.NET into an empty
    // NuGet cache takes longer.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(25);

    [Fact]
    public void PolyglotCorpus_CellsThatRunInTheEngine_RunInOursWithTheSameOutputKinds()
    {
        using var jupyter = JupyterEnvironment.Create("nbclient", "nbformat");
        var log = TestContext.Current.TestOutputHelper;
        var json = Path.Combine(jupyter.Root, "corpus.json");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var sftpi = Path.Combine(AppContext.BaseDirectory, "sftpi.dll");

        // SFTPI_CORPUS_NO_ENGINE=1 compares with the recorded results without starting the engine (a quicker run).
        string[] noEngine = Environment.GetEnvironmentVariable("SFTPI_CORPUS_NO_ENGINE") == "1" ? ["--no-engine"] : [];

        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python,
            [CorpusNotebooks.Harness, "--tool", sftpi, "--dotnet", dotnet, "--recorded", CorpusNotebooks.RecordedEngineResults, "--json", json, .. noEngine], Limit);

        log?.WriteLine(stdout);
        Assert.True(code == 0, $"polyglot_corpus.py exited with {code}:\n{stderr}");
        var result = JsonNode.Parse(File.ReadAllText(json))!;
        var source = result["engine_source"]!.GetValue<string>();
        var engineProblem = result["engine_problem"]?.GetValue<string>();
        Assert.True(source != "unavailable", $"The engine could not run ({engineProblem}) and there are no recorded results to compare with.");
        log?.WriteLine(source == "live"
            ? "Engine: a live run of the .NET Interactive engine."
            : $"THE ENGINE DID NOT RUN everywhere ({engineProblem}): ours is compared with the engine's results {source} in {CorpusNotebooks.RecordedEngineResults}, not with a live run.");

        var cells = result["cells"]!.AsArray().Select(c => c!).ToDictionary(c => (c["notebook"]!.GetValue<string>(), c["cell"]!.GetValue<int>()));
        var problems = new List<(string Cell, string Problem)>();
        if (source == "live")
        {
            ReportDrift(cells, log);
        }

        foreach (var cell in CorpusNotebooks.CodeCells())
        {
            var name = $"{cell.Notebook} cell {cell.Index} ({cell.FirstLine})";
            if (!cells.TryGetValue((cell.Notebook, cell.Index), out var found) || found["ours"] is null || found["engine"] is null)
            {
                problems.Add((name, $"no result from {(found?["ours"] is null ? "ours" : "the engine")}"));
                continue;
            }

            if (found["engine"]!["id"]?.GetValue<string>() != cell.Id)
            {
                problems.Add((name, "the engine's result is for another version of the cell: re-record the engine "
                    + "(python/polyglot_corpus.py --only engine --record polyglot-corpus/engine-results.json)"));
                continue;
            }

            var engine = CellOutcome.FromJson(found["engine"]!);
            var ours = CellOutcome.FromJson(found["ours"]!);
            problems.AddRange(CorpusVerdict.Problems(cell.Notebook, cell.Index, cell.FirstLine, engine, ours).Select(p => (name, p)));
        }

        var summary = result["summary"]!;
        var failing = problems.Select(p => p.Cell).Distinct().Count();
        log?.WriteLine($"Cells run: ours {summary["ours_ran"]}/{summary["cells"]}, engine {summary["engine_ran"]}/{summary["cells"]} ({source}); "
            + $"outputs matched {summary["outputs_matched"]} of {summary["ran_in_both"]} cells that ran in both (raw kinds); "
            + $"cells that pass the comparison with the documented differences: {(int)summary["cells"]! - failing}/{summary["cells"]}.");
        log?.WriteLine("Documented differences:\n  " + string.Join("\n  ", CorpusDifferences.Rules
            .Concat(CorpusDifferences.Cells.Select(d => $"{d.Notebook} cell {d.Cell} ({d.FirstLine}): {d.Reason}"))));
        Assert.True(problems.Count == 0, $"{failing} cells of the Polyglot corpus fall short of the engine ({source}):\n" + string.Join("\n", problems.Select(p => $"{p.Cell}: {p.Problem}")));
    }

    // A live engine run that disagrees with the recorded one: the recorded file is what a machine without the engine
    // compares with, so say where it went stale.
    private static void ReportDrift(Dictionary<(string, int), JsonNode> cells, ITestOutputHelper? log)
    {
        var recorded = JsonNode.Parse(File.ReadAllText(CorpusNotebooks.RecordedEngineResults))!["cells"]!.AsArray()
            .ToDictionary(c => (c!["notebook"]!.GetValue<string>(), c["cell"]!.GetValue<int>()), c => CellOutcome.FromJson(c!));
        foreach (var ((notebook, index), cell) in cells)
        {
            if (cell["engine"] is not { } live)
            {
                continue;
            }

            var now = CellOutcome.FromJson(live);
            if (!recorded.TryGetValue((notebook, index), out var then) || then.Status != now.Status || !then.Outputs.SequenceEqual(now.Outputs))
            {
                log?.WriteLine($"Note: the live engine differs from engine-results.json in {notebook} cell {index}: now {now}, recorded {then?.ToString() ?? "nothing"}.");
            }
        }
    }
}
