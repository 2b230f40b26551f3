using System.Collections.Concurrent;
using SftpInteractive.Scripting.Debugging;

namespace SftpInteractive.Scripting.Tests.Debugging;

/// <summary>The engine with its debugger attached: cells stop on their thread, the test plays the front end.</summary>
public sealed class ScriptDebuggerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Breakpoint_InALoop_StopsWithTheLoopsLocals_ContinueStopsAgain()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        try
        {
            var code = "var total = 0;\nfor (var i = 0; i < 3; i++)\n{\n    total += i;\n}\ntotal";
            debugger.SetBreakpoints(debugger.Files.PathOf(code), [new DebugBreakpoint(4, null, null)]);

            var run = engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
            var first = Take(stops);
            Assert.Equal("breakpoint", first.Reason);
            Assert.Equal([("total", (object?)0), ("i", 0)], first.Frames[0].Locals());
            Assert.True(debugger.Continue());
            var second = Take(stops);
            Assert.Equal([("total", (object?)0), ("i", 1)], second.Frames[0].Locals());
            debugger.SetBreakpoints(debugger.Files.PathOf(code), []);
            Assert.True(debugger.Continue());

            var result = Assert.IsType<SubmissionResult.Success>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken));
            Assert.Equal(3, result.Value);
        }
        finally
        {
            debugger.Detach();
        }
    }

    [Fact]
    public async Task StepIn_AMethodOfAnEarlierCell_ThenStepOutBackToTheCaller()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        try
        {
            await engine.ExecuteAsync("int Twice(int n)\n{\n    var d = n * 2;\n    return d;\n}", new RecordingSink(), TestContext.Current.CancellationToken);
            var code = "var a = 20;\nvar b = Twice(a + 1);\nb";
            debugger.SetBreakpoints(debugger.Files.PathOf(code), [new DebugBreakpoint(2, null, null)]);

            var run = engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
            Assert.Equal(2, Line(Take(stops)));
            Assert.True(debugger.StepIn());
            var inside = Take(stops);
            Assert.Equal("step", inside.Reason);
            Assert.Equal(3, Line(inside));
            Assert.Equal("Twice", DebugSites.Method(inside.Frames[0].Method)!.Name);
            Assert.Equal(2, inside.Frames.Count);
            Assert.Equal([("n", (object?)21)], inside.Frames[0].Locals());
            Assert.True(debugger.Next());
            var next = Take(stops);
            Assert.Equal(4, Line(next));
            Assert.Equal(42, next.Frames[0].Locals().Single(l => l.Name == "d").Value);
            Assert.True(debugger.StepOut());
            var back = Take(stops);
            Assert.Equal(3, Line(back));
            Assert.Single(back.Frames);
            Assert.Equal(42, await debugger.EvaluateForTestAsync(engine, "b", back));
            Assert.Equal(84, await debugger.EvaluateForTestAsync(engine, "b * 2", back));
            Assert.True(debugger.Continue());

            Assert.Equal(42, Assert.IsType<SubmissionResult.Success>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken)).Value);
        }
        finally
        {
            debugger.Detach();
        }
    }

    [Fact]
    public async Task BreakOnThrown_StopsWhereTheCellThrows_ThenTheCellFails()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        debugger.SetExceptionFilters(thrown: true, unhandled: false);
        try
        {
            var run = engine.ExecuteAsync("var s = \"x\";\nvar n = int.Parse(s);", new RecordingSink(), TestContext.Current.CancellationToken);
            var stop = Take(stops);
            Assert.Equal("exception", stop.Reason);
            Assert.StartsWith("FormatException", stop.Description, StringComparison.Ordinal);
            Assert.Equal(2, Line(stop));
            Assert.Equal([("s", (object?)"x")], stop.Frames[0].Locals());
            Assert.True(debugger.Continue());

            Assert.IsType<SubmissionResult.Failure>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken));
        }
        finally
        {
            debugger.Detach();
        }
    }

    [Fact]
    public async Task Detached_CellsRunUninstrumented()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        var code = "var q = 1;\nq";
        debugger.SetBreakpoints(debugger.Files.PathOf(code), [new DebugBreakpoint(2, null, null)]);

        var result = await engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);

        Assert.Equal(1, Assert.IsType<SubmissionResult.Success>(result).Value);
        Assert.Empty(stops);
    }

    [Fact]
    public async Task Breakpoint_InAClassOfAnEarlierCell_StopsWithThisAndItsParameters()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        try
        {
            var declaration = "public class Counter\n{\n    public int Count { get; set; }\n    public int Add(int step)\n    {\n        Count += step;\n        return Count;\n    }\n}";
            debugger.SetBreakpoints(debugger.Files.PathOf(declaration), [new DebugBreakpoint(6, null, null)]);
            Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync(declaration, new RecordingSink(), TestContext.Current.CancellationToken));

            var run = engine.ExecuteAsync("var c = new Counter();\nc.Add(5)", new RecordingSink(), TestContext.Current.CancellationToken);
            var stop = Take(stops);
            Assert.Equal(6, Line(stop));
            Assert.Equal("Counter.Add", DebugSites.Method(stop.Frames[0].Method)!.Name);
            var locals = stop.Frames[0].Locals();
            Assert.Equal(["this", "step"], locals.Select(l => l.Name));
            Assert.Equal(5, locals[1].Value);
            Assert.Equal("Cell", DebugSites.Method(stop.Frames[1].Method)!.Name);
            Assert.True(debugger.Continue());

            Assert.Equal(5, Assert.IsType<SubmissionResult.Success>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken)).Value);
        }
        finally
        {
            debugger.Detach();
        }
    }

    [Fact]
    public async Task AsyncMethod_StopsAfterAnAwait_WithItsCallerOnTheStack()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        try
        {
            var code = "async Task<int> SlowAsync(int x)\n{\n    await Task.Delay(10);\n    var y = x + 1;\n    return y;\n}\nvar r = await SlowAsync(1);\nr";
            debugger.SetBreakpoints(debugger.Files.PathOf(code), [new DebugBreakpoint(5, null, null), new DebugBreakpoint(8, null, null)]);

            var run = engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
            var inside = Take(stops);
            Assert.Equal(5, Line(inside));
            Assert.Equal(["SlowAsync", "Cell"], inside.Frames.Select(f => DebugSites.Method(f.Method)!.Name));
            Assert.Equal(2, inside.Frames[0].Locals().Single(l => l.Name == "y").Value);
            Assert.True(debugger.Continue());
            var after = Take(stops);
            Assert.Equal(8, Line(after));
            Assert.Single(after.Frames); // the async method's frame did not leak into its caller
            Assert.True(debugger.Continue());

            Assert.Equal(2, Assert.IsType<SubmissionResult.Success>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken)).Value);
        }
        finally
        {
            debugger.Detach();
        }
    }

    [Fact]
    public async Task ConditionAndHitCount_StopOnlyWhereTheySay()
    {
        await using var engine = new ScriptEngine();
        var debugger = engine.Debugger;
        var stops = new BlockingCollection<DebugStop>();
        debugger.Stopped += stops.Add;
        debugger.Attach();
        try
        {
            var code = "var sum = 0;\nfor (var k = 0; k < 10; k++)\n{\n    sum += k;\n    sum -= 0;\n}\nsum";
            debugger.SetBreakpoints(debugger.Files.PathOf(code), [new DebugBreakpoint(4, "k == 6", null), new DebugBreakpoint(5, null, "3")]);

            var run = engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
            var third = Take(stops);
            Assert.Equal(5, Line(third));
            Assert.Equal(2, third.Frames[0].Locals().Single(l => l.Name == "k").Value);
            Assert.True(debugger.Continue());
            var conditional = Take(stops);
            Assert.Equal(4, Line(conditional));
            Assert.Equal(6, conditional.Frames[0].Locals().Single(l => l.Name == "k").Value);
            Assert.True(debugger.Continue());

            Assert.Equal(45, Assert.IsType<SubmissionResult.Success>(await run.WaitAsync(Limit, TestContext.Current.CancellationToken)).Value);
            Assert.Empty(stops);
        }
        finally
        {
            debugger.Detach();
        }
    }

    private static DebugStop Take(BlockingCollection<DebugStop> stops) =>
        stops.TryTake(out var stop, Limit) ? stop : throw new TimeoutException("the cell did not stop");

    private static int Line(DebugStop stop) => DebugSites.Statement(stop.Frames[0].Statement)!.Line;
}

internal static class ScriptDebuggerTestExtensions
{
    public static Task<object?> EvaluateForTestAsync(this ScriptDebugger debugger, ScriptEngine engine, string expression, DebugStop stop) =>
        engine.EvaluateAsync(expression, stop.Frames[0].Locals(), CancellationToken.None);
}
