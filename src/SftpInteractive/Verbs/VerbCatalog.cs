using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace SftpInteractive;

/// <summary>The verbs of a verb type (<see cref="SftpVerbs"/> or a host's subclass) with one-line descriptions, read
/// from their <see cref="VerbAttribute"/>s: <c>Help()</c>, <c>#help</c> and the hosts' banners list exactly the verbs
/// that exist.</summary>
public static class VerbCatalog
{
    /// <summary>What <see cref="Build"/> reads of a verb type: a trimmed or native AOT program keeps exactly these.</summary>
    internal const DynamicallyAccessedMemberTypes Read = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods
        | DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicNestedTypes | DynamicallyAccessedMemberTypes.PublicProperties
        | DynamicallyAccessedMemberTypes.PublicEvents;

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<VerbInfo>> Cache = new();

    /// <summary>The verbs of <paramref name="verbType"/>, in the order a newcomer meets them.</summary>
    public static IReadOnlyList<VerbInfo> For([DynamicallyAccessedMembers(Read)] Type verbType)
    {
        ArgumentNullException.ThrowIfNull(verbType);
        return Cache.TryGetValue(verbType, out var verbs) ? verbs : Cache.GetOrAdd(verbType, Build(verbType));
    }

    /// <summary>The verbs of <paramref name="verbType"/> as a two-column table.</summary>
    public static DisplayTable ToTable([DynamicallyAccessedMembers(Read)] Type verbType)
    {
        var table = new DisplayTable("SftpInteractive verbs (Ctrl+C or the notebook's stop cancels a running verb)", "Verb", "What it does");
        foreach (var verb in For(verbType))
        {
            table.AddRow(verb.Usage, verb.Description);
        }

        return table;
    }

    private static List<VerbInfo> Build([DynamicallyAccessedMembers(Read)] Type verbType)
    {
        var members = verbType.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Member: m, Verb: m.GetCustomAttribute<VerbAttribute>(inherit: true)))
            .Where(m => m.Verb is not null)
            .ToList();
        var methods = verbType.GetMethods(BindingFlags.Public | BindingFlags.Instance);
        return members
            .GroupBy(m => m.Member.Name, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var usages = g.Select(m => Usage(m.Member)).Distinct(StringComparer.Ordinal).ToList();
                var async = g.Key + "Async";
                if (methods.Any(m => m.Name == async))
                {
                    usages.Add(async + "(...)");
                }

                return (Order: (first.Verb!.Group, first.Member.DeclaringType == typeof(SftpVerbs) ? 0 : 1, first.Member.MetadataToken),
                        Info: new VerbInfo(g.Key, string.Join(" / ", usages), first.Verb.Description, first.Verb.Group));
            })
            .OrderBy(v => v.Order)
            .Select(v => v.Info)
            .ToList();
    }

    private static string Usage(MemberInfo member) => member is MethodInfo method
        ? $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.IsOptional ? $"[{p.Name}]" : p.Name))})"
        : member.Name;
}
