using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Debugging;

/// <summary>
/// DAP variables: each expandable value (an object's public properties and fields, a collection's items, a
/// dictionary's entries) gets a variablesReference that the front end expands with a variables request. References
/// are valid until <see cref="Clear"/> (a new stop, a new inspectVariables).
/// </summary>
internal sealed class DebugVariables
{
    private const int MaxChildren = 300;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, Func<List<JsonObject>>> _children = [];
    private readonly FormatterRegistry _formatters;
    private int _next;

    public DebugVariables(FormatterRegistry formatters)
    {
        _formatters = formatters;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _children.Clear();
        }
    }

    /// <summary>A reference whose children <paramref name="children"/> lists.</summary>
    public int Register(Func<List<JsonObject>> children)
    {
        lock (_gate)
        {
            var id = ++_next;
            _children[id] = children;
            return id;
        }
    }

    /// <summary>The children of <paramref name="reference"/>, or null when it is unknown (expired).</summary>
    public List<JsonObject>? Children(int reference)
    {
        Func<List<JsonObject>>? children;
        lock (_gate)
        {
            _children.TryGetValue(reference, out children);
        }

        return children?.Invoke();
    }

    /// <summary>One DAP variable for <paramref name="value"/>.</summary>
    public JsonObject Variable(string name, object? value, Type? declared = null, string? evaluateName = null) => new()
    {
        ["name"] = name,
        ["value"] = ValueSummary.Of(value, _formatters),
        ["type"] = TypeNames.Of(value?.GetType() ?? declared ?? typeof(object)),
        ["evaluateName"] = evaluateName ?? name,
        ["variablesReference"] = IsLeaf(value) ? 0 : Register(() => ChildrenOf(value!)),
    };

    /// <summary><c>this</c> in a method of a class declared in a cell: its children are the fields and auto-properties
    /// the method's own code read (<paramref name="members"/>, private ones too), then its other public properties.</summary>
    public JsonObject This(object? value, IReadOnlyList<(string Name, object? Value)> members)
    {
        var variable = Variable("this", value);
        if (value is not null && members.Count > 0)
        {
            variable["variablesReference"] = Register(() =>
            {
                var children = members.Select(m => Variable(m.Name, m.Value, evaluateName: "this." + m.Name)).ToList();
                children.AddRange(ChildrenOf(value).Where(c => !members.Any(m => m.Name == c["name"]!.GetValue<string>())));
                return children;
            });
        }

        return variable;
    }

    private static bool IsLeaf(object? value) =>
        value is null or string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Type or Delegate || value.GetType().IsPrimitive || value.GetType().IsEnum;

    private List<JsonObject> ChildrenOf(object value)
    {
        var children = new List<JsonObject>();
        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (children.Count == MaxChildren)
                    {
                        break;
                    }

                    children.Add(Variable("[" + ValueSummary.Of(entry.Key, _formatters) + "]", entry.Value));
                }

                return children;
            case ICollection collection:
                foreach (var item in collection)
                {
                    if (children.Count == MaxChildren)
                    {
                        break;
                    }

                    children.Add(Variable("[" + children.Count + "]", item));
                }

                return children;
        }

        var type = value.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic))
        {
            if (children.Count == MaxChildren)
            {
                break;
            }

            children.Add(Member(property.Name, property.PropertyType, () => property.GetValue(value)));
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (children.Count == MaxChildren)
            {
                break;
            }

            children.Add(Member(field.Name, field.FieldType, () => field.GetValue(value)));
        }

        return children;
    }

    private JsonObject Member(string name, Type type, Func<object?> read)
    {
        try
        {
            return Variable(name, read(), type);
        }
#pragma warning disable CA1031 // A property that throws shows what it threw, as debuggers do.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            return new JsonObject { ["name"] = name, ["value"] = $"threw {error.GetType().Name}: {error.Message}", ["type"] = TypeNames.Of(type), ["variablesReference"] = 0 };
        }
    }
}
