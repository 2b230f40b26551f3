using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>
/// The stack frames a learner can act on: those of the user's own cells, named by the cell and its line
/// (<c>Deep(int n) in cell [9], line 1</c>), and one line for the frames of our library, Roslyn and .NET, which
/// <see cref="DisplayOptions.FullErrors"/> shows in full. Each submission's assembly is recorded with its label when it
/// runs, so a method defined in one cell and failing in a later one still names its own cell.
/// </summary>
internal sealed class CellFrames
{
    private readonly ConcurrentDictionary<string, string> _labels = new(StringComparer.Ordinal);
    private int _inputs;

    /// <summary>Remembers the label of the submission compiled as <paramref name="assemblyName"/>: the host's
    /// (<see cref="SubmissionLabel"/>) or <c>input [N]</c>.</summary>
    public void Record(string assemblyName) =>
        _labels[assemblyName] = SubmissionLabel.Current ?? "input [" + Interlocked.Increment(ref _inputs).ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The lines under an error's message: the user's frames, innermost first (a recursion's repeats counted
    /// once), then one line for the rest.</summary>
    public IReadOnlyList<string> Describe(Exception error)
    {
        var lines = new List<string>();
        var hidden = 0;
        var owners = new List<string>();
        string? last = null;
        var repeats = 0;
        foreach (var frame in new StackTrace(error, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var assembly = method?.DeclaringType?.Assembly;
            if (method is null || assembly is null || !IsUserCode(assembly))
            {
                hidden++;
                var owner = Owner(assembly);
                if (!owners.Contains(owner))
                {
                    owners.Add(owner);
                }

                continue;
            }

            var line = Describe(frame, method, assembly);
            if (line == last)
            {
                repeats++;
                continue;
            }

            Flush();
            lines.Add(line);
            last = line;
        }

        Flush();
        if (hidden > 0)
        {
            lines.Add($"  … {Format.Count(hidden, "frame")} of {Join(owners)} hidden (DisplayOptions.FullErrors = true shows them)");
        }

        return lines;

        void Flush()
        {
            if (repeats > 0)
            {
                lines[^1] += $" (and {Format.Count(repeats, "more time")})";
                repeats = 0;
            }
        }
    }

    // A submission or a cell's library is compiled in memory: it has no file. Packages and #r libraries have one.
    private static bool IsUserCode(Assembly assembly) => !assembly.IsDynamic && string.IsNullOrEmpty(assembly.Location);

    private string Describe(StackFrame frame, MethodBase method, Assembly assembly)
    {
        var name = MethodName(method);
        var where = _labels.TryGetValue(assembly.GetName().Name ?? string.Empty, out var label) ? label : null;
        var line = frame.GetFileLineNumber();
        var place = where is null ? string.Empty : line > 0 ? $"{where}, line {line.ToString(CultureInfo.InvariantCulture)}" : where;
        return (name, place) switch
        {
            (null, "") => "  in a cell",
            (null, _) => "  in " + place,
            (_, "") => "  " + name,
            _ => $"  {name} in {place}",
        };
    }

    /// <summary><c>Deep(int n)</c>, <c>a lambda</c>, or null for a cell's own statements (Roslyn's
    /// <c>&lt;Initialize&gt;</c>).</summary>
    private static string? MethodName(MethodBase method)
    {
        var name = method.Name;
        IEnumerable<(Type Type, string Name)> parameters = method.GetParameters().Select(p => (p.ParameterType, p.Name ?? string.Empty));
        if (name == "MoveNext" && method.DeclaringType is { Name: ['<', ..] } machine)
        {
            // An async method or iterator runs in a compiler-made class named after it (<DeepAsync>d__3) that keeps
            // its parameters in public fields of their names (an iterator's original values as <>3__n).
            name = machine.Name[1..machine.Name.LastIndexOf('>')];
            parameters = HoistedParameters(machine);
        }

        if (name.IndexOf("g__", StringComparison.Ordinal) is var local and >= 0 && name.IndexOf('|', local) is var bar and > 0)
        {
            name = name[(local + 3)..bar]; // a local function: <<Initialize>>g__Twice|0_0
        }
        else if (name.StartsWith('<'))
        {
            return name == "<Initialize>" ? null : "a lambda";
        }

        return name + "(" + string.Join(", ", parameters.Select(p => TypeNames.Of(p.Type) + " " + p.Name)) + ")";
    }

    /// <summary>The parameters a state machine keeps, in declaration order. Cells are compiled for debugging, so
    /// every parameter is kept, used or not.</summary>
    private static List<(Type Type, string Name)> HoistedParameters(Type machine)
    {
        var parameters = new List<(Type, string)>();
        foreach (var field in machine.GetFields())
        {
            var name = field.Name.StartsWith("<>3__", StringComparison.Ordinal) ? field.Name[5..] : field.Name;
            if (!name.StartsWith('<') && !parameters.Exists(p => p.Item2 == name))
            {
                parameters.Add((field.FieldType, name));
            }
        }

        return parameters;
    }

    private static string Owner(Assembly? assembly) => (assembly?.GetName().Name ?? string.Empty) switch
    {
        var n when n.StartsWith("SftpInteractive", StringComparison.Ordinal) => "SftpInteractive",
        var n when n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) => "Roslyn",
        var n when n.StartsWith("Renci.SshNet", StringComparison.Ordinal) => "SSH.NET",
        var n when n.StartsWith("System", StringComparison.Ordinal) || n.StartsWith("Microsoft", StringComparison.Ordinal) || n is "netstandard" or "" => ".NET",
        var n => n,
    };

    private static string Join(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
