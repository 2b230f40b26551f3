using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

/// <summary>Piped scripts' compiled forms kept between runs: a second engine runs the stored assemblies without the
/// compiler, with the same values, state and errors.</summary>
public sealed class CompiledScriptCacheTests : IDisposable
{
    // The script reports which load context its own code runs in: the cache's, or the compiler's.
    private const string WhereItRuns = "System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(System.Reflection.Assembly.GetExecutingAssembly())!.Name";
    private static readonly string[] Script = ["var x = 20;", "var y = x * 2;", "y + 2"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sftpi-script-cache-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Text(IEnumerable<string> submissions) => string.Join('\n', submissions) + "\n";

    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code) =>
        await engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="submissions"/> in a fresh engine as the piped host does and stores them.</summary>
    private async Task<List<SubmissionResult>> RunAndStore(IReadOnlyList<string> submissions, CompiledScriptCache? cache = null)
    {
        await using var engine = new ScriptEngine { CompiledScripts = cache ?? new CompiledScriptCache(_directory) };
        Assert.Null(engine.LoadCompiledScript(Text(submissions)));
        var results = new List<SubmissionResult>();
        foreach (var code in submissions)
        {
            results.Add(await Run(engine, code));
        }

        engine.SaveCompiledScript(Text(submissions));
        return results;
    }

    [Fact]
    public async Task SecondRun_RunsTheStoredAssemblies_WithTheSameValuesAndState()
    {
        var first = await RunAndStore(Script);
        Assert.Equal(42, Assert.IsType<SubmissionResult.Success>(first[^1]).Value);

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        var submissions = engine.LoadCompiledScript(Text(Script));
        Assert.Equal(Script, submissions);
        var results = new List<SubmissionResult>();
        foreach (var code in submissions!)
        {
            results.Add(await Run(engine, code));
        }

        var last = Assert.IsType<SubmissionResult.Success>(results[^1]);
        Assert.True(last.HasValue);
        Assert.Equal(42, last.Value);
        Assert.Equal("42", last.Rendered!.Text);
        Assert.False(Assert.IsType<SubmissionResult.Success>(results[0]).HasValue);

        // Not a submission of the stored script: the engine cannot compile on top of it, and says so.
        var other = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "y"));
        Assert.Contains("not its next submission", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondRun_ScriptDeclaringTypesExtensionsAndANamespace_RunsTheStoredLibraries()
    {
        string[] script =
        [
            "record Point(int X, int Y);",
            "static class PointExt { public static int Sum(this Point p) => p.X + p.Y; }",
            "namespace Geo { public static class Origin { public static Point Zero => new(0, 0); } }",
            "new Point(40, 2).Sum() + Geo.Origin.Zero.Sum()",
        ];
        var first = await RunAndStore(script);
        Assert.Equal(42, Assert.IsType<SubmissionResult.Success>(first[^1]).Value);

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        var submissions = engine.LoadCompiledScript(Text(script));
        Assert.Equal(script, submissions);
        var results = new List<SubmissionResult>();
        foreach (var code in submissions!)
        {
            results.Add(await Run(engine, code));
        }

        Assert.Equal(42, Assert.IsType<SubmissionResult.Success>(results[^1]).Value);
    }

    [Fact]
    public async Task ScriptRedefiningAType_IsNotStored()
    {
        string[] script = ["class A { }", "class A { public int X = 42; }", "new A().X"];
        var first = await RunAndStore(script);
        Assert.Equal(42, Assert.IsType<SubmissionResult.Success>(first[^1]).Value);

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        Assert.Null(engine.LoadCompiledScript(Text(script)));
    }

    [Fact]
    public async Task SecondRun_CodeReportsTheCachesLoadContext()
    {
        string[] script = ["var where = " + WhereItRuns + ";", "where"];
        var first = Assert.IsType<SubmissionResult.Success>((await RunAndStore(script))[^1]);
        Assert.NotEqual("sftpi compiled script", first.Value);

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        foreach (var code in engine.LoadCompiledScript(Text(script))!.SkipLast(1))
        {
            Assert.IsType<SubmissionResult.Success>(await Run(engine, code));
        }

        var second = Assert.IsType<SubmissionResult.Success>(await Run(engine, script[^1]));
        Assert.Equal("sftpi compiled script", second.Value);
    }

    [Fact]
    public async Task StoredScript_ThrowsThisTime_FailureWithTheCause()
    {
        var flag = _directory + "-flag";
        string[] script = [$"if (File.Exists(@\"{flag}\")) throw new InvalidOperationException(\"flag is up\");", "1 + 1"];
        Assert.All(await RunAndStore(script), r => Assert.IsType<SubmissionResult.Success>(r));
        await File.WriteAllTextAsync(flag, "up", TestContext.Current.CancellationToken);
        try
        {
            await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
            var submissions = engine.LoadCompiledScript(Text(script))!;
            var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, submissions[0]));
            Assert.Equal("InvalidOperationException: flag is up", failure.Message);
        }
        finally
        {
            File.Delete(flag);
        }
    }

    [Fact]
    public async Task OtherText_Misses()
    {
        await RunAndStore(Script);
        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        Assert.Null(engine.LoadCompiledScript(Text(Script) + "1\n"));
        Assert.Null(engine.LoadCompiledScript(Text(Script).Replace("20", "21", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Directives_CompileErrors_WarmedUpEngines_AreNotStored()
    {
        await RunAndStore(["#r \"System.Xml\"", "1 + 1"]);
        await RunAndStore(["var x = ;"]);
        await using (var warmed = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) })
        {
            await warmed.WarmUpAsync(TestContext.Current.CancellationToken);
            Assert.IsType<SubmissionResult.Success>(await Run(warmed, "6 * 7"));
            warmed.SaveCompiledScript("6 * 7\n");
        }

        Assert.False(Directory.Exists(_directory) && Directory.EnumerateDirectories(_directory).Any());
    }

    [Fact]
    public async Task DamagedEntry_MissesAndIsRemoved()
    {
        await RunAndStore(Script);
        var entry = Assert.Single(Directory.GetDirectories(_directory));
        File.Delete(Path.Combine(entry, "2.dll"));

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        Assert.Null(engine.LoadCompiledScript(Text(Script)));
        Assert.False(Directory.Exists(entry));
    }

    [Fact]
    public async Task FolderOthersMayWrite_IsNotUsed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        await RunAndStore(Script);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
        File.SetUnixFileMode(_directory, File.GetUnixFileMode(_directory) | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        await using var engine = new ScriptEngine { CompiledScripts = new CompiledScriptCache(_directory) };
        Assert.Null(engine.LoadCompiledScript(Text(Script)));
    }

    [Fact]
    public async Task Capacity_LeastRecentlyRunGoFirst()
    {
        var cache = new CompiledScriptCache(_directory) { Capacity = 2 };
        await RunAndStore(["1"], cache);
        Directory.SetLastWriteTimeUtc(Assert.Single(Directory.GetDirectories(_directory)), DateTime.UtcNow.AddMinutes(-10));
        await RunAndStore(["2"], cache);
        await RunAndStore(["3"], cache);

        Assert.Equal(2, Directory.GetDirectories(_directory).Length);
        foreach (var (script, kept) in new[] { ("1\n", false), ("2\n", true), ("3\n", true) })
        {
            await using var engine = new ScriptEngine { CompiledScripts = cache };
            Assert.Equal(kept, engine.LoadCompiledScript(script) is not null);
        }
    }
}
