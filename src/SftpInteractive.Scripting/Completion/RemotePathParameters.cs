using System.Collections.Frozen;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>
/// Which argument of which verb is a remote path, read once from the <see cref="RemotePathAttribute"/>s on
/// the verbs' parameters (<see cref="SftpVerbs"/>), so the completer's verb list cannot drift from the verbs that exist.
/// The session's methods share the globals' names and parameter order, so <c>Session.GetAsync(...)</c> and
/// <c>Session.PlanGetAsync(...)</c> are matched through their globals counterparts (<c>Get</c>, <c>PlanGet</c>).
/// </summary>
internal static class RemotePathParameters
{
    private static readonly FrozenDictionary<string, FrozenSet<(int Position, string Name)>> ByMethod = Build();

    /// <summary>Every method name that takes a remote path.</summary>
    public static IEnumerable<string> Methods => ByMethod.Keys;

    /// <summary>True when the argument at <paramref name="position"/> (or named <paramref name="name"/>) of a call to
    /// <paramref name="method"/> is a remote path.</summary>
    public static bool IsRemote(string method, int position, string? name)
    {
        if (!ByMethod.TryGetValue(method, out var parameters)
            && !(method.EndsWith("Async", StringComparison.Ordinal) && ByMethod.TryGetValue(method[..^"Async".Length], out parameters)))
        {
            return false;
        }

        return name is null
            ? parameters.Any(p => p.Position == position)
            : parameters.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal));
    }

    private static FrozenDictionary<string, FrozenSet<(int Position, string Name)>> Build()
    {
        var map = new Dictionary<string, HashSet<(int, string)>>(StringComparer.Ordinal);
        foreach (var method in typeof(ScriptGlobals).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            foreach (var parameter in method.GetParameters().Where(p => p.IsDefined(typeof(RemotePathAttribute), inherit: false)))
            {
                if (!map.TryGetValue(method.Name, out var set))
                {
                    map[method.Name] = set = [];
                }

                set.Add((parameter.Position, parameter.Name!));
            }
        }

        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(), StringComparer.Ordinal);
    }
}
