using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>What one kernel did with one corpus cell, as python/polyglot_corpus.py records it.</summary>
/// <param name="Status">"ok" or "error" (the execute_reply's status; a timeout or a dead kernel is an error).</param>
/// <param name="Error">The first line of the error ("ename: evalue"), empty when ok.</param>
/// <param name="Stderr">The first line the cell wrote to stderr.</param>
/// <param name="ErrorOutputs">How many error outputs the cell has.</param>
/// <param name="Outputs">The sorted output kinds: MIME types, and stream:stdout / stream:stderr.</param>
/// <param name="Bundles">The distinct outputs by their kinds: each display's or result's sorted MIME types, and one
/// ["stream:NAME"] per stream written to.</param>
/// <param name="Updates">How many update_display_data messages the cell sent.</param>
internal sealed record CellOutcome(string Status, string Error, string Stderr, int ErrorOutputs, IReadOnlyList<string> Outputs,
    IReadOnlyList<IReadOnlyList<string>> Bundles, int Updates)
{
    /// <summary>What the cell's HTML is beyond its MIME type: "table", "plotly" (a Plotly chart), "mermaid" (a Mermaid
    /// diagram), as the harness finds them; a <c>&lt;pre&gt;</c> dump of a value's text has none.</summary>
    public IReadOnlyList<string> HtmlFeatures { get; init; } = [];

    public bool Ran => Status == "ok";

    /// <summary>A cell that ran and showed these outputs, each given as its kinds joined by ',' (e.g. "text/html,text/plain").</summary>
    public static CellOutcome Ok(params string[] bundles) => new("ok", "", "", 0, Union(bundles), Split(bundles), 0);

    /// <summary>A cell that failed with one error and showed these outputs (as in <see cref="Ok"/>).</summary>
    public static CellOutcome Failed(string error, params string[] bundles) => new("error", error, "", 1, Union(bundles), Split(bundles), 0);

    public static CellOutcome FromJson(JsonNode node) => new(
        node["status"]!.GetValue<string>(),
        node["error"]?.GetValue<string>() ?? "",
        node["stderr"]?.GetValue<string>() ?? "",
        node["error_outputs"]?.GetValue<int>() ?? 0,
        [.. node["outputs"]!.AsArray().Select(o => o!.GetValue<string>())],
        [.. node["bundles"]!.AsArray().Select(b => (IReadOnlyList<string>)[.. b!.AsArray().Select(k => k!.GetValue<string>())])],
        node["updates"]?.GetValue<int>() ?? 0)
    {
        HtmlFeatures = [.. node["html_features"]?.AsArray().Select(f => f!.GetValue<string>()) ?? []],
    };

    private static IReadOnlyList<IReadOnlyList<string>> Split(string[] bundles) =>
        [.. bundles.Select(b => (IReadOnlyList<string>)[.. b.Split(',').Order(StringComparer.Ordinal)])];

    private static string[] Union(string[] bundles) => [.. bundles.SelectMany(b => b.Split(',')).Distinct().Order(StringComparer.Ordinal)];

    public override string ToString() =>
        (Ran ? "ok " : "error ") + (Bundles.Count == 0 ? "(no output)" : string.Join(" + ", Bundles.Select(b => string.Join(",", b)))) + (Ran ? "" : $" [{Error}]");
}
