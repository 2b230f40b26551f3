using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The debugger through jupyter_client, with the debug_request sequence JupyterLab 4's debugger extension sends
/// (python/debug_scenarios.py plays the front end).</summary>
[Collection(JupyterProcesses.Name)]
public sealed class DebuggerProtocolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    private static JsonObject Scenario(string name)
    {
        using var jupyter = JupyterEnvironment.Create();
        return Scenario(jupyter, name);
    }

    private static JsonObject Scenario(JupyterEnvironment jupyter, string name, params string[] args)
    {
        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python, [Path.Combine(JupyterEnvironment.ScriptsDir, "debug_scenarios.py"), name, .. args], Limit);
        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"scenario {name} exited {code}: {stderr}");
        var json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonNode.Parse(json)!.AsObject();
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Explore_VariablesBreakpointsEvaluateAndSteppingAcrossCells()
    {
        var r = Scenario("explore");

        // Announced as JupyterLab needs it: kernel_info, capabilities, the cell file naming.
        Assert.True(r["kernel_info"]!["debugger"]!.GetValue<bool>());
        Assert.Equal("debugger", S(r["kernel_info"]!["supported_features"]![0]));
        Assert.Equal(["raised", "uncaught"], r["filters"]!.AsArray().Select(S));
        Assert.Equal("Murmur2", S(r["debug_info"]!["hashMethod"]));
        Assert.True(r["debug_info"]!["isStarted"]!.GetValue<bool>());

        // The variable explorer after a cell, without a breakpoint; a collection expands; the rich view.
        Assert.Equal("List<int>", S(r["inspect"]!["numbers"]!["type"]));
        Assert.Equal("\"hello\"", S(r["inspect"]!["greeting"]!["value"]));
        Assert.Equal(["1", "2", "3"], r["numbers_items"]!.AsArray().Select(S));
        Assert.Equal("hello", S(r["rich_greeting"]));

        // A breakpoint in a loop: stopped on the cell's dumped file with the loop's locals; evaluate; continue.
        Assert.True(r["dump_matches"]!.GetValue<bool>());
        Assert.Equal("breakpoint", S(r["stopped"]!["reason"]));
        Assert.Equal(1, r["info_while_stopped"]![0]!.GetValue<int>());
        var first = r["first_stop"]!;
        Assert.Equal(S(r["dump_path"]), S(first["frames"]![0]!["path"]));
        Assert.Equal(4, first["frames"]![0]!["line"]!.GetValue<int>());
        Assert.Equal("0", S(first["variables"]!["Locals"]!["i"]));
        Assert.Equal("[1, 2, 3]", S(first["variables"]!["Globals"]!["numbers"]));
        Assert.Equal("10", S(r["evaluate"]));
        Assert.Equal("\"HELLO\"", S(r["evaluate_global"]));
        Assert.True(r["source"]!.GetValue<bool>());
        Assert.Equal("1", S(r["second_stop"]!["i"]));
        Assert.Equal("ok", S(r["loop_reply"]));

        // A stop's frames and variables expire when the cell runs on: a request about it answered after the continue
        // fails (JupyterLab would show those locals again after clearing its panel), and so does one sent afterwards.
        var overtaken = r["overtaken"]!.AsArray();
        var continued = overtaken.ToList().FindIndex(o => S(o!["what"]) == "continue");
        Assert.True(overtaken[continued]!["success"]!.GetValue<bool>());
        Assert.All(overtaken.Skip(continued + 1), late => Assert.False(late!["success"]!.GetValue<bool>(), "a reply about the stop after the continue's"));
        Assert.False(r["after_stop"]!["scopes"]!.GetValue<bool>());
        Assert.False(r["after_stop"]!["variables"]!.GetValue<bool>());

        // Stepping: into Twice (defined in an earlier cell), over its first line, out back into the calling cell.
        var steps = r["steps"]!.AsArray();
        Assert.Equal([("Cell", 2), ("Twice", 3), ("Twice", 4), ("Cell", 3)], steps.Select(s => (S(s!["top"]), s!["line"]!.GetValue<int>())));
        Assert.Equal(2, steps[1]!["depth"]!.GetValue<int>());
        Assert.Equal("21", S(steps[1]!["locals"]!["n"]));
        Assert.Equal("42", S(steps[2]!["locals"]!["d"]));
        Assert.Equal("42", S(steps[3]!["locals"]!["b"]));
        Assert.Equal("ok", S(r["caller_reply"]));
        Assert.Equal("ok", S(r["after_disconnect"]));

        // Disconnect ends the session: DAP's terminated event follows the reply, and debugInfo says it is off.
        Assert.True(r["disconnect"]!.GetValue<bool>());
        Assert.Equal("terminated", S(r["terminated"]));
        Assert.False(r["started_after_disconnect"]!.GetValue<bool>());
    }

    [Fact]
    public void Exceptions_BreakOnThrownAndOnUnhandled_StopWhereThrownWithTheLocals()
    {
        var r = Scenario("exceptions");

        var thrown = r["thrown"]!;
        Assert.Equal("exception", S(thrown["reason"]));
        Assert.StartsWith("FormatException", S(thrown["text"]), StringComparison.Ordinal);
        Assert.Equal(2, thrown["view"]!["frames"]![0]!["line"]!.GetValue<int>());
        Assert.Equal("\"x\"", S(thrown["view"]!["variables"]!["Locals"]!["s"]));
        Assert.Equal("FormatException", S(r["thrown_reply"]));

        // With unhandled only, an exception the cell catches runs through; one escaping it stops in the method that threw.
        Assert.Equal("ok", S(r["caught_reply"]));
        var unhandled = r["unhandled"]!;
        Assert.Equal("InvalidOperationException: broken", S(unhandled["text"]));
        Assert.Equal(["Fail", "Cell"], unhandled["view"]!["frames"]!.AsArray().Select(f => S(f!["name"])));
        Assert.Equal("\"broken\"", S(unhandled["view"]!["variables"]!["Locals"]!["why"]));
        Assert.Equal("InvalidOperationException", S(r["unhandled_reply"]));
    }

    [Fact]
    public void Stopped_KernelKeepsAnswering_InterruptPauseAndRestartWork()
    {
        var r = Scenario("stopped");

        Assert.True(r["control_kernel_info"]!.GetValue<bool>());
        Assert.Equal(["Abs"], r["completion"]!.AsArray().Select(S));
        Assert.True(r["inspect"]!.GetValue<bool>());
        Assert.Equal("ok", S(r["kernel_info"]));
        Assert.Equal("error", S(r["interrupted"]!["status"]));
        Assert.Empty(r["stop_cleared"]!.AsArray());
        Assert.Equal("ok", S(r["after"]));
        Assert.Equal("pause", S(r["paused"]!["reason"]));
        Assert.True(int.Parse(S(r["paused"]!["n"]), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("error", S(r["paused_reply"]));
        Assert.Equal("ok", S(r["after_restart"]));
    }

    [Fact]
    public void Members_StopInAnAsyncMethodOfAClass_ThisAndItsPrivateFieldsEvaluateAndCopyToGlobals()
    {
        var r = Scenario("members");

        Assert.True(r["copy_supported"]!.GetValue<bool>());
        Assert.Equal("ok", S(r["define"]));
        Assert.Equal(["Account.AddAsync", "Cell"], r["frames"]!.AsArray().Select(S));
        Assert.Equal(9, r["line"]!.GetValue<int>());
        Assert.Equal("42", S(r["locals"]!["local"]));
        Assert.Equal("2", S(r["locals"]!["bonus"]));
        Assert.Equal("Account", S(r["this"]!["type"]));
        Assert.True(r["this"]!["expandable"]!.GetValue<bool>());
        Assert.Equal("40", S(r["rich_member"]));
        Assert.Equal("40", S(r["this_children"]!["count"]));
        Assert.Equal("\"main\"", S(r["this_children"]!["Name"]));

        var evaluated = r["evaluate"]!;
        Assert.Equal("40", S(evaluated["count"]));
        Assert.Equal("40", S(evaluated["this.count"]));
        Assert.Equal("402", S(evaluated["this.count * 10 + bonus"]));
        Assert.Equal("4", S(evaluated["Name.Length"]));
        Assert.Equal("\"main\"", S(evaluated["this.Name"]));
        Assert.DoesNotContain("failed", S(evaluated["this"]), StringComparison.Ordinal);
        Assert.Equal("\"base\"", S(evaluated["Nickname"])); // inherited: public members of this by name
        Assert.Equal("44", S(evaluated["Nickname.Length + count"]));
        Assert.Equal("\"BASE\"", S(evaluated["this.Nickname.ToUpper()"]));

        // copyToGlobals answers as ipykernel's (the value), Globals lists the copies at once, the next cell uses them.
        Assert.True(r["copy"]!["success"]!.GetValue<bool>());
        Assert.Equal("42", S(r["copy"]!["result"]));
        Assert.True(r["copy_member"]!.GetValue<bool>());
        Assert.False(r["copy_missing"]!.GetValue<bool>());
        Assert.Equal("42", S(r["globals_after_copy"]!["local"]));
        Assert.Equal("40", S(r["globals_after_copy"]!["savedCount"]));
        Assert.Equal("ok", S(r["caller_reply"]));
        Assert.Equal("4240", S(r["next_cell"]));
        Assert.Equal("42", S(r["explorer"]!["local"]));
        Assert.Equal("42", S(r["explorer"]!["got"]));
    }

    [Fact]
    public void Earlier_BreakpointsInALambdaAndALocalFunctionOfAnEarlierCell_ConditionHitCountAndAnAsyncUnhandledException()
    {
        var r = Scenario("earlier");

        Assert.Equal("ok", S(r["define"]));
        Assert.Equal(["lambda", "Cell"], r["lambda"]!["frames"]!.AsArray().Select(S));
        Assert.Equal(4, r["lambda"]!["line"]!.GetValue<int>());
        Assert.Equal("49", S(r["lambda"]!["locals"]!["sq"]));
        Assert.Equal("ok", S(r["lambda_reply"]));

        Assert.Equal(["Local", "Sum", "Cell"], r["local_function"]!["frames"]!.AsArray().Select(S));
        Assert.Equal(17, r["local_function"]!["line"]!.GetValue<int>());
        Assert.Equal("2", S(r["local_function"]!["locals"]!["doubled"]));
        Assert.Equal("ok", S(r["local_function_reply"]));

        Assert.Equal("4", S(r["conditional"]!["i"]));
        Assert.Equal("12", S(r["conditional"]!["total"]));
        Assert.Equal("9", S(r["hit_count"]!["i"]));
        Assert.Equal("72", S(r["hit_count"]!["total"]));
        Assert.Equal("ok", S(r["sum_reply"]));

        // Unhandled in an async method of an earlier cell, after an await: the stop is in that method, with its locals.
        Assert.Equal("ok", S(r["define_async"]));
        var unhandled = r["async_unhandled"]!;
        Assert.Equal("exception", S(unhandled["reason"]));
        Assert.StartsWith("FormatException", S(unhandled["text"]), StringComparison.Ordinal);
        Assert.Equal(["ParseLaterAsync", "Cell"], unhandled["frames"]!.AsArray().Select(S));
        Assert.Equal(5, unhandled["line"]!.GetValue<int>());
        Assert.Equal("\"nope\"", S(unhandled["locals"]!["trimmed"]));
        Assert.Equal("FormatException", S(r["async_unhandled_reply"]));
    }

    [Fact]
    public async Task Transfer_BreakpointInItsProgressHandler_ContinuesThenInterruptCancelsIt()
    {
        // Throttled, so the 64 MiB download is still running when the test interrupts it (as in JupyterClientTests).
        var server = TestServer.Require("password");
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 512 * 1024 };
        using var jupyter = JupyterEnvironment.Create();
        File.WriteAllLines(Path.Combine(jupyter.WorkDir, ".env"), server.EnvViaProxy(proxy.Port));
        var target = Path.Combine(jupyter.WorkDir, "big.bin");

        var r = Scenario(jupyter, "transfer", server.LargeFile, target);

        Assert.Equal("ok", S(r["connect"]));
        Assert.Equal(["lambda", "Cell"], r["first"]!["frames"]!.AsArray().Select(S));
        Assert.Contains("p", r["first"]!["locals"]!.AsArray().Select(S));
        Assert.True(r["second_stop"]!.GetValue<bool>());
        Assert.Equal("error", S(r["interrupted"]!["status"]));
        Assert.Equal("Cancelled", S(r["interrupted"]!["ename"]));
        Assert.False(File.Exists(target), "a cancelled download must not leave a file under the final name");
        Assert.Equal("ok", S(r["after"]));
        Assert.True(r["alive"]!.GetValue<bool>());
    }
}
