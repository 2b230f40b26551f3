using System.Reflection;
using System.Runtime.Loader;

namespace SftpInteractive.Scripting;

/// <summary>One submission of a compiled script: its code, its emitted assembly and its entry point (the
/// <c>&lt;Factory&gt;</c> method the C# compiler generates for a submission).</summary>
internal sealed record CompiledSubmission(string Code, byte[] Image, string TypeName, string MethodName, bool HasValue);

/// <summary>A library compiled from cells' declarations (<see cref="CellLibraries"/>) that the submissions reference.</summary>
internal sealed record CompiledLibrary(string Name, byte[] Image);

/// <summary>
/// A piped script's submissions loaded from <see cref="CompiledScriptCache"/>, run in order without the compiler the
/// way Roslyn's script runner does: one array of submission states, slot 0 the globals, each submission's factory
/// storing itself in its own slot so the later ones see its variables.
/// </summary>
internal sealed class CompiledScript
{
    private readonly IReadOnlyList<Step> _steps;
    private object[]? _states;
    private int _next;

    private CompiledScript(IReadOnlyList<Step> steps) => _steps = steps;

    /// <summary>The submissions' code, in the order they run.</summary>
    public IReadOnlyList<string> Submissions => [.. _steps.Select(s => s.Code)];

    /// <summary>Loads the submissions' assemblies and the cell libraries they use into their own load context (they
    /// reference each other by the names the compiler gave them).</summary>
    public static CompiledScript Load(IReadOnlyList<CompiledSubmission> submissions, IReadOnlyList<CompiledLibrary> libraries)
    {
        var context = new SubmissionLoadContext();
        foreach (var library in libraries)
        {
            _ = context.Add(library.Image);
        }

        var steps = submissions.Select(s =>
        {
            if (s.Image.Length == 0)
            {
                return new Step(s.Code, null, false); // a submission with nothing to run
            }

            var assembly = context.Add(s.Image);
            var factory = assembly.GetType(s.TypeName, throwOnError: true)!
                .GetMethod(s.MethodName, BindingFlags.Public | BindingFlags.Static) // the compiler's script factory is public
                ?? throw new MissingMethodException(s.TypeName, s.MethodName);
            return new Step(s.Code, factory.CreateDelegate<Func<object[], Task<object>>>(), s.HasValue);
        }).ToList();
        return new CompiledScript(steps);
    }

    /// <summary>Whether <paramref name="code"/> is the next submission to run.</summary>
    public bool IsNext(string code) => _next < _steps.Count && string.Equals(_steps[_next].Code, code, StringComparison.Ordinal);

    /// <summary>Runs the next submission (<see cref="IsNext"/> must hold) and returns its value and whether it has
    /// one. The code's exceptions propagate, as from a script the compiler just built.</summary>
    public async Task<(object? Value, bool HasValue)> RunNextAsync(object globals)
    {
        var step = _steps[_next++];
        _states ??= new object[_steps.Count + 1];
        _states[0] = globals;
        if (step.Factory is null)
        {
            return (null, false);
        }

        var value = await step.Factory(_states).ConfigureAwait(false);
        return (value, step.HasValue);
    }

    private sealed record Step(string Code, Func<object[], Task<object>>? Factory, bool HasValue);

    private sealed class SubmissionLoadContext() : AssemblyLoadContext("sftpi compiled script")
    {
        private readonly Dictionary<string, Assembly> _byName = new(StringComparer.Ordinal);

        public Assembly Add(byte[] image)
        {
            using var stream = new MemoryStream(image, writable: false);
            var assembly = LoadFromStream(stream);
            _byName[assembly.GetName().Name!] = assembly;
            return assembly;
        }

        // Earlier submissions resolve to their loaded assemblies; everything else (the framework, SftpInteractive,
        // SSH.NET) to the host's own, as when the script was compiled.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is { } name && _byName.TryGetValue(name, out var assembly) ? assembly : null;
    }
}
