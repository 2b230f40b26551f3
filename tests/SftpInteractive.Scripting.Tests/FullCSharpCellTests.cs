using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

/// <summary>A cell accepts what a .cs file accepts: extension methods, namespaces, and types later cells build on
/// (issue #20). Each of these fails on the plain Roslyn script engine (CS1109, CS7021, CS0433...).</summary>
public sealed class FullCSharpCellTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink? sink = null) =>
        await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken);

    private static async Task<object?> Value(ScriptEngine engine, string code)
    {
        var result = await Run(engine, code);
        return result is SubmissionResult.Success success ? success.Value : throw new Xunit.Sdk.XunitException($"{code}\n=> {result}");
    }

    private static async Task Ok(ScriptEngine engine, string code)
    {
        var result = await Run(engine, code);
        Assert.True(result is SubmissionResult.Success, $"{code}\n=> {result}");
    }

    [Fact]
    public async Task ExtensionClass_UsedInTheSameCellAndALaterOne()
    {
        await using var engine = new ScriptEngine();
        Assert.Equal(10, await Value(engine, "static class Ext { public static int Twice(this int x) => x * 2; }\n5.Twice()"));
        Assert.Equal(42, await Value(engine, "21.Twice()"));
    }

    [Fact]
    public async Task Namespace_UsedWithAUsingInALaterCell()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "namespace Geometry\n{\n    record Point(int X, int Y);\n    static class Shapes { public static Point Origin => new(0, 0); }\n}");
        Assert.Equal("Point { X = 0, Y = 0 }", await Value(engine, "using Geometry;\nShapes.Origin.ToString()"));
        Assert.Equal(3, await Value(engine, "new Point(1, 2).Y + new Geometry.Point(0, 1).Y"));
    }

    [Fact]
    public async Task FileScopedNamespace_TypesUsableLater()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "using System.Globalization;\nnamespace Money;\n\npublic record Price(decimal Amount)\n{\n    public override string ToString() => Amount.ToString(\"0.00\", CultureInfo.InvariantCulture) + \" EUR\";\n}");
        Assert.Equal("2.50 EUR", await Value(engine, "new Money.Price(2.5m).ToString()"));
    }

    [Fact]
    public async Task FileScopedNamespaceAlone_IsNotACompleteSubmission()
    {
        await using var engine = new ScriptEngine();
        Assert.False(engine.IsComplete("namespace Money;"));
        Assert.False(engine.IsComplete("namespace Money;\n"));
        Assert.True(engine.IsComplete("namespace Money;\npublic record Price(decimal Amount);"));
        Assert.False(engine.IsComplete("namespace Money;\npublic record Price(decimal Amount"));
    }

    [Fact]
    public async Task ExtensionOnARecordDeclaredInAnEarlierCell_AppliesToItsObjects()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "record Point(int X, int Y);\nvar p = new Point(3, 4);");
        await Ok(engine, "static class PointExt { public static double Len(this Point p) => Math.Sqrt(p.X * p.X + p.Y * p.Y); }");
        Assert.Equal(5.0, await Value(engine, "p.Len()"));
        Assert.Equal(10.0, await Value(engine, "new Point(6, 8).Len()"));
    }

    [Fact]
    public async Task ClassRedefined_NewCodeSeesTheNewOneAndOldObjectsKeepTheirs()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "class Person { public string Name { get; set; } = \"\"; }\nvar ada = new Person { Name = \"Ada\" };");
        await Ok(engine, "class Person { public string Name { get; set; } = \"\"; public int Age { get; set; } }\nvar bob = new Person { Name = \"Bob\", Age = 42 };");
        Assert.Equal("Ada Bob 42", await Value(engine, "$\"{ada.Name} {bob.Name} {bob.Age}\""));
        Assert.Equal(7, await Value(engine, "new Person { Age = 7 }.Age"));

        // A third time, with an extension class for it in the same cell; the earlier objects still work.
        await Ok(engine, "class Person { public string First { get; set; } = \"\"; }\nstatic class PersonText { public static string Hello(this Person p) => \"Hello \" + p.First; }\nvar cy = new Person { First = \"Cy\" };");
        Assert.Equal("Ada Bob Hello Cy", await Value(engine, "$\"{ada.Name} {bob.Name} {cy.Hello()}\""));
    }

    [Fact]
    public async Task BaseClassRedefined_ADerivedClassFromAnotherCellKeepsWorking()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "class Animal { public virtual string Sound => \"...\"; }");
        await Ok(engine, "class Dog : Animal { public override string Sound => \"woof\"; }\nstatic class Talk { public static string Say(this Animal a) => a.Sound + \"!\"; }\nvar rex = new Dog();");
        await Ok(engine, "class Animal { public virtual string Sound => \"?\"; public int Legs => 4; }");
        Assert.Equal("woof woof! ? 4", await Value(engine, "$\"{rex.Sound} {new Dog().Say()} {new Animal().Sound} {new Animal().Legs}\""));
    }

    [Fact]
    public async Task OneOfTwoTypesRedefined_TheOtherBindsToTheNewOne()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "class Person { public string Name = \"\"; }\nstatic class Greeter { public static string Greet(Person p) => \"Hi \" + p.Name; }");
        await Ok(engine, "class Person { public string Name = \"\"; public int Age; }");
        Assert.Equal("Hi Ada", await Value(engine, "Greeter.Greet(new Person { Name = \"Ada\", Age = 3 })"));
    }

    [Fact]
    public async Task RedefinitionBreaksADerivedClass_ANoteSaysSoAndTheCellRuns()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "class Base { public virtual int F() => 1; }");
        await Ok(engine, "class Derived : Base { public override int F() => 2; }\nvar d = new Derived();");
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "class Base { }", sink));
        Assert.Contains("Note: Derived from an earlier cell no longer compiles", sink.Err);
        Assert.Equal(2, await Value(engine, "d.F()"));
        Assert.Equal("CS0246", Assert.IsType<SubmissionResult.Failure>(await Run(engine, "new Derived()")).Name);
    }

    [Fact]
    public async Task ExtensionClassRedefined_LaterCellsUseTheNewMethods()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "static class Ext { public static int Twice(this int x) => x * 2; }");
        Assert.Equal(10, await Value(engine, "5.Twice()"));
        await Ok(engine, "static class Ext { public static int Twice(this int x) => x * 20; public static int Half(this int x) => x / 2; }");
        Assert.Equal(100, await Value(engine, "5.Twice()"));
        Assert.Equal(4, await Value(engine, "8.Half()"));
    }

    [Fact]
    public async Task NamespaceTypeRedefined_LaterCellsUseTheNewOne()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "namespace Shop { class Item { public string Name => \"old\"; } }");
        await Ok(engine, "using Shop;\nvar first = new Item();");
        await Ok(engine, "namespace Shop { class Item { public string Name => \"new\"; public int Stock => 3; } }");
        Assert.Equal("old new 3", await Value(engine, "$\"{first.Name} {new Item().Name} {new Shop.Item().Stock}\""));
    }

    [Fact]
    public async Task GenericAndLinqStyleExtensions_Work()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, """
            static class Seq
            {
                public static IEnumerable<T> EveryOther<T>(this IEnumerable<T> source) => source.Where((_, i) => i % 2 == 0);
                public static TOut Pipe<TIn, TOut>(this TIn value, Func<TIn, TOut> f) => f(value);
            }
            """);
        Assert.Equal(new[] { 1, 3, 5 }, await Value(engine, "new[] { 1, 2, 3, 4, 5 }.EveryOther().ToArray()"));
        Assert.Equal("6", await Value(engine, "3.Pipe(x => x * 2).Pipe(x => x.ToString())"));
        Assert.Equal(14, await Value(engine, "(from x in new[] { 1, 2, 3 }.EveryOther() select x * 2 into y where y > 1 select y + 3).Sum()"));
    }

    [Fact]
    public async Task ExtensionBlock_CSharp14_Works()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "static class Ext\n{\n    extension(int x)\n    {\n        public int Squared => x * x;\n    }\n}");
        Assert.Equal(49, await Value(engine, "7.Squared"));
    }

    [Fact]
    public async Task ErrorInTheLibraryPart_ReportsTheCellsLineAndColumn()
    {
        await using var engine = new ScriptEngine();
        // Line 3, column 59: "nope" (the class gets "public " inserted before it, which must not shift the column).
        var code = "var a = 1;\n\nstatic class Ext { public static int Twice(this int x) => nope * x; }\n";
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, code));
        var diagnostic = Assert.Single(failure.Diagnostics);
        Assert.Equal(("CS0103", 3, 59), (diagnostic.Id, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith("(3,59):", failure.Message, StringComparison.Ordinal);

        // The session is unchanged: `a` was never declared, Ext does not exist, and the engine goes on.
        var missing = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "5.Twice()"));
        Assert.Equal("CS1061", missing.Name);
        Assert.Equal(2, await Value(engine, "1 + 1"));
    }

    [Fact]
    public async Task ErrorInTheScriptPart_StillPointsAtTheCell()
    {
        await using var engine = new ScriptEngine();
        var code = "static class Ext { public static int Twice(this int x) => x * 2; }\n\nvar y = 3.Twice() + missing;";
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, code));
        var diagnostic = Assert.Single(failure.Diagnostics);
        Assert.Equal(("CS0103", 3, 21), (diagnostic.Id, diagnostic.Line, diagnostic.Column));

        // A failed cell leaves nothing behind: declaring Ext again is no redefinition.
        Assert.Equal(6, await Value(engine, "static class Ext { public static int Twice(this int x) => x * 2; }\n3.Twice()"));
    }

    [Fact]
    public async Task UsingsOfEarlierCells_ApplyToLaterDeclarations()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "using System.Globalization;\nusing Json = System.Text.Json.JsonSerializer;");
        Assert.Equal("[1,2]|1.5", await Value(engine, "static class Fmt { public static string J(this int[] a) => Json.Serialize(a); public static string N(this double d) => d.ToString(CultureInfo.InvariantCulture); }\nnew[] { 1, 2 }.J() + \"|\" + 1.5.N()"));
    }

    [Fact]
    public async Task ReferenceDirectiveInTheSameCell_TheLibraryPartCompilesAgainstIt()
    {
        var directory = Directory.CreateTempSubdirectory("sftpi-full-csharp-").FullName;
        try
        {
            var dll = SftpInteractive.Testing.FormatterLibrary.Build(directory, "Acme.Gauges.CellTests"); // FormatterTests loads its own Acme.Gauges in this process
            await using var engine = new ScriptEngine();
            Assert.Equal(84, await Value(engine, $"#r \"{dll}\"\nstatic class GaugeExt {{ public static int Double(this Acme.Gauges.Gauge g) => g.Value * 2; }}\nnew Acme.Gauges.Gauge(42).Double()"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task NuGetPackageInTheSameCell_TheLibraryPartUsesIt()
    {
        var feed = await Packages.LocalFeed.GetAsync();
        await using var engine = new ScriptEngine();
        Assert.Equal("hello sftp", await Value(engine,
            $"#i \"nuget: {feed.Folder}\"\n#r \"nuget: SftpInteractive.TestTiny, {feed.Version}\"\n" +
            "static class Greeting { public static string Greet(this string name) => TestTiny.Greeter.Hello(name); }\n\"sftp\".Greet()"));
        Assert.Equal("hello again", await Value(engine, "\"again\".Greet()"));
    }

    [Fact]
    public async Task StaticUsingOfAnEarlierCell_AppliesToLaterDeclarations()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "using static System.Math;");
        Assert.Equal(3.0, await Value(engine, "static class Geo { public static double Hyp(this (double A, double B) t) => Sqrt(t.A * t.A + t.B * t.B); }\n(1.8, 2.4).Hyp()"));
    }

    [Fact]
    public async Task ClassUsingAScriptConstant_StillRunsAsAScript_AndLaterCellsStillDeclareExtensions()
    {
        await using var engine = new ScriptEngine();
        // A library cannot see a script's constant: this cell runs as a script, as it always did.
        Assert.Equal(5, await Value(engine, "const int Size = 5;\nclass Buffer { public int[] Data = new int[Size]; }\nnew Buffer().Data.Length"));
        Assert.Equal(6, await Value(engine, "static class Ext { public static int Twice(this int x) => x * 2; }\n(Size - 2).Twice()"));
    }

    [Fact]
    public async Task Completion_SeesALibrarysExtensionMethods()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "static class Ext { public static int Twice(this int x) => x * 2; }");
        var list = await engine.CompleteAsync("5.Tw", 4, TestContext.Current.CancellationToken);
        Assert.Contains(list.Items, i => i.Text == "Twice");
    }

    [Fact]
    public async Task Completion_SeesANamespacesTypes()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "namespace Geometry { record Point(int X, int Y); }");
        var list = await engine.CompleteAsync("Geometry.Po", 11, TestContext.Current.CancellationToken);
        Assert.Contains(list.Items, i => i.Text == "Point");
    }

    [Fact]
    public async Task CompletionAndInspect_AfterARedefinition_SeeTheNewTypeAndItsDocs()
    {
        await using var engine = new ScriptEngine();
        await Ok(engine, "class Person { public string Name = \"\"; }\nstatic class PersonExt { public static string Hi(this Person p) => p.Name; }");
        await Ok(engine, "/// <summary>Someone with an age.</summary>\nclass Person { public string Name = \"\"; public int Age; }\nstatic class AgeExt { public static int Years(this Person p) => p.Age; }");
        var list = await engine.CompleteAsync("new Person().A", 14, TestContext.Current.CancellationToken);
        Assert.Contains(list.Items, i => i.Text == "Age");
        var inspect = await engine.InspectAsync("Person p", 2, TestContext.Current.CancellationToken);
        Assert.Contains("Someone with an age.", inspect!.Text, StringComparison.Ordinal);
    }
}
