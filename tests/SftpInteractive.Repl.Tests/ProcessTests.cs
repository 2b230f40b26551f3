namespace SftpInteractive.Repl.Tests;

/// <summary>The built sftpi with stdin piped in (not a terminal): runs the script, exits non-zero on the first error.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Piped_Script_PrintsResultExitsZero()
    {
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, "6*7\n", "--no-connect");
        Assert.True(code == 0, errors);
        Assert.Equal("42", output.Trim());
    }

    [Fact]
    public async Task Piped_Script_FirstErrorExitsNonZero()
    {
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, "1+1\nthrow new Exception(\"stop here\");\nConsole.WriteLine(\"after\");\n", "--no-connect");
        Assert.Equal(1, code);
        Assert.Contains("stop here", errors);
        Assert.DoesNotContain("after", output);
    }

    [Fact]
    public async Task Piped_ScriptDeclaringExtensionMethodsAndANamespace_RunsAndReportsErrorsAtTheirLine()
    {
        const string script = """
            namespace Shop
            {
                public record Item(string Name, decimal Price);
            }
            using Shop;
            static class ItemText
            {
                public static string Label(this Item item) => $"{item.Name}: {item.Price:0.00}";
            }
            Console.WriteLine(new Item("tea", 2.5m).Label());
            static class Broken { public static int Twice(this int x) => x * nope; }
            Console.WriteLine("not reached");

            """;
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, script, "--no-connect");
        Assert.Equal(1, code);
        Assert.Equal("tea: 2.50", output.Trim());
        Assert.Contains("(1,66)", errors); // the submission's own line and column of `nope`
        Assert.Contains("CS0103", errors);
    }

    [Fact]
    public async Task Piped_ScriptDeclaringTypesAgain_RunsTheStoredCompiledFormWithItsLibraries()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"sftpi-process-cache-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string?> { ["SFTPI_SCRIPT_CACHE"] = cache, ["SFTPI_STARTUP_TRACE"] = "1" };
        const string script = "record Point(int X, int Y);\nstatic class PointExt { public static int Sum(this Point p) => p.X + p.Y; }\nnew Point(40, 2).Sum()\n";
        try
        {
            var first = await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect");
            Assert.True(first.Code == 0, first.Err);
            Assert.Equal("42", first.Out.Trim());

            var second = await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect");
            Assert.True(second.Code == 0, second.Err);
            Assert.Contains("compiled script loaded from the cache", second.Err);
            Assert.Equal("42", second.Out.Trim());
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Piped_SameScriptAgain_RunsTheStoredCompiledFormWithTheSameOutput()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"sftpi-process-cache-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string?> { ["SFTPI_SCRIPT_CACHE"] = cache, ["SFTPI_STARTUP_TRACE"] = "1" };
        const string script = "var names = new[] { \"b\", \"a\" };\nConsole.WriteLine(string.Join(\",\", names.Order()));\nnames.Length * 21\n";
        try
        {
            var first = await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect");
            Assert.True(first.Code == 0, first.Err);
            Assert.DoesNotContain("compiled script loaded from the cache", first.Err);
            Assert.Single(Directory.GetDirectories(cache));

            var second = await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect");
            Assert.True(second.Code == 0, second.Err);
            Assert.Contains("compiled script loaded from the cache", second.Err);
            Assert.Equal(["a,b", "42"], second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(first.Out, second.Out);

            var off = await Tool.RunPipedIn(null, new Dictionary<string, string?> { ["SFTPI_SCRIPT_CACHE"] = "off", ["SFTPI_STARTUP_TRACE"] = "1" }, Tool.Executable, script, "--no-connect");
            Assert.Equal(first.Out, off.Out);
            Assert.DoesNotContain("compiled script loaded from the cache", off.Err);
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Piped_StoredScriptFailsThisTime_ExitsNonZeroWithTheError()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"sftpi-process-cache-{Guid.NewGuid():N}");
        var flag = cache + "-flag";
        var environment = new Dictionary<string, string?> { ["SFTPI_SCRIPT_CACHE"] = cache, ["SFTPI_STARTUP_TRACE"] = "1" };
        var script = $"if (File.Exists(@\"{flag}\")) throw new Exception(\"flag is up\");\nConsole.WriteLine(\"after\");\n";
        try
        {
            Assert.Equal(0, (await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect")).Code);
            await File.WriteAllTextAsync(flag, "up", TestContext.Current.CancellationToken);

            var (code, output, errors) = await Tool.RunPipedIn(null, environment, Tool.Executable, script, "--no-connect");
            Assert.Contains("compiled script loaded from the cache", errors);
            Assert.Equal(1, code);
            Assert.Contains("flag is up", errors);
            Assert.DoesNotContain("after", output);
        }
        finally
        {
            File.Delete(flag);
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }
}
