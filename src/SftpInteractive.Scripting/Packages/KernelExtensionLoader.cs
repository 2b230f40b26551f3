using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using SftpInteractive.Scripting.Notebook;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Runs the .NET Interactive extensions a restored package carries (<c>interactive-extensions/dotnet/*.dll</c>, classes
/// implementing <c>Microsoft.DotNet.Interactive.IKernelExtension</c>), as the engine does after <c>#r "nuget:"</c>: each
/// gets <c>OnLoadAsync</c> with a real <c>CompositeKernel</c>, inside an engine invocation context. What they do there
/// (Plotly.NET.Interactive and Microsoft.Data.Analysis register <c>Formatter.Register</c> HTML formatters) lands in
/// the one <c>Formatter</c> our display pipeline reads. The engine assembly (Microsoft.DotNet.Interactive) is reached by
/// name through its public types only: the scripting engine does not reference it, so a session without such a
/// package never loads it; it binds to the host's Roslyn (5.12 satisfies its 5.0 references), never a second copy.
/// </summary>
internal static class KernelExtensionLoader
{
    /// <summary>The engine assembly and package every extension is built against.</summary>
    public const string EngineName = "Microsoft.DotNet.Interactive";

    private const string ExtensionInterface = EngineName + ".IKernelExtension";
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Done = new(StringComparer.OrdinalIgnoreCase);
    private static object? _kernel;

    /// <summary>The extension assemblies of the package extracted in <paramref name="installPath"/>.</summary>
    public static IEnumerable<string> Find(string installPath)
    {
        var folder = Path.Combine(installPath, "interactive-extensions", "dotnet");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal) : [];
    }

    /// <summary>Loads each assembly (once per process) and runs its extensions; returns one line per extension for the
    /// restore status ("Loaded the .NET Interactive extension …" or why it could not run).</summary>
    public static async Task<IReadOnlyList<string>> LoadAsync(IEnumerable<string> assemblies)
    {
        var notes = new List<string>();
        foreach (var path in assemblies)
        {
            var name = AssemblyName.GetAssemblyName(path);
            lock (Gate)
            {
                if (!Done.Add(name.Name ?? path))
                {
                    continue;
                }
            }

            foreach (var type in ExtensionTypes(Load(name, path)))
            {
                notes.Add(await RunAsync(type).ConfigureAwait(false));
            }
        }

        return notes;
    }

    private static async Task<string> RunAsync(Type type)
    {
        var contract = type.GetInterface(ExtensionInterface)!;
        try
        {
            var kernel = Kernel(contract.Assembly);
            var extension = Activator.CreateInstance(type)!;
            using (AmbientContext(contract.Assembly))
            {
                if (contract.GetMethod("OnLoadAsync")!.Invoke(extension, [kernel]) is Task loading)
                {
                    await loading.ConfigureAwait(false);
                }
            }

            return $"Loaded the .NET Interactive extension {type.FullName}.";
        }
#pragma warning disable CA1031 // An extension that fails is reported in the status; the package itself stays usable.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return $"The .NET Interactive extension {type.FullName} failed to load: {cause.Message}";
        }
        finally
        {
            ConsoleRouter.Reinstall();
        }
    }

    private static Assembly Load(AssemblyName name, string path)
    {
        if (AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName())) is { } loaded)
        {
            return loaded;
        }

        try
        {
            // Plotly.NET.Interactive ships the same assembly in lib/: the copy the package loader hands out wins.
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    private static IEnumerable<Type> ExtensionTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types.OfType<Type>().Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterface(ExtensionInterface) is not null);
    }

    // One CompositeKernel for the process, created after our displayed-value handler is in place (see
    // NotebookDisplay.BeforeEngineKernel: the engine's Kernel type subscribes its own when it initializes).
    private static object Kernel(Assembly engine)
    {
        lock (Gate)
        {
            if (_kernel is null)
            {
                NotebookDisplay.BeforeEngineKernel();
                RuntimeHelpers.RunClassConstructor(engine.GetType(EngineName + ".Kernel", throwOnError: true)!.TypeHandle);
                NotebookDisplay.AfterEngineKernel();
                _kernel = engine.GetType(EngineName + ".CompositeKernel", throwOnError: true)!.GetConstructor([typeof(string)])!.Invoke([".NET"]);
            }

            return _kernel;
        }
    }

    // KernelInvocationContext.GetOrCreateAmbientContext(new SubmitCode("")): extensions ask Kernel.Root, which reads
    // the current context (Microsoft.Data.Analysis's does, and fails without one).
    private static IDisposable AmbientContext(Assembly engine)
    {
        var command = engine.GetType(EngineName + ".Commands.SubmitCode", throwOnError: true)!
            .GetConstructor([typeof(string), typeof(string)])!.Invoke([string.Empty, null]);
        var create = engine.GetType(EngineName + ".KernelInvocationContext", throwOnError: true)!
            .GetMethod("GetOrCreateAmbientContext", BindingFlags.Public | BindingFlags.Static)!;
        return (IDisposable)create.Invoke(null, [command, null])!;
    }
}
