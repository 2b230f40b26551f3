using System.Collections;
using System.Globalization;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>Tables and one-line lists built by reflection for values that do not render themselves
/// (a LINQ query over entries, a list of records, a dictionary).</summary>
internal static class ObjectTable
{
    /// <summary>True when the sequence holds objects with properties (records, entries), not scalars.</summary>
    public static bool IsTabular(IEnumerable sequence)
    {
        if (sequence is string || sequence is IDictionary)
        {
            return sequence is IDictionary;
        }

        var elementType = ElementType(sequence.GetType());
        return elementType is not null && !IsScalar(elementType) && Columns(elementType).Length > 0;
    }

    public static DisplayTable Build(IEnumerable sequence, int maxRows)
    {
        if (sequence is IDictionary dictionary)
        {
            var kv = new DisplayTable(null, "Key", "Value");
            foreach (DictionaryEntry entry in dictionary)
            {
                kv.AddRow(Cell(entry.Key), Cell(entry.Value));
            }

            return kv;
        }

        var columns = Columns(ElementType(sequence.GetType())!);
        var table = new DisplayTable(null, [.. columns.Select(c => c.Name)]);
        var count = 0;
        foreach (var item in sequence)
        {
            if (count++ < maxRows)
            {
                table.AddRow([.. columns.Select(c => item is null ? string.Empty : Cell(c.GetValue(item)))]);
            }
        }

        table.Footer = count > maxRows ? $"… and {count - maxRows} more ({count} rows)" : $"{count} rows";
        return table;
    }

    public static string Inline(IEnumerable sequence, int maxItems)
    {
        var items = new List<string>();
        var count = 0;
        foreach (var item in sequence)
        {
            if (count++ < maxItems)
            {
                items.Add(item is string s ? $"\"{s}\"" : Cell(item));
            }
        }

        var more = count > maxItems ? $", … ({count} items)" : string.Empty;
        return "[" + string.Join(", ", items) + more + "]";
    }

    public static DisplayTable Properties(object value)
    {
        var table = new DisplayTable(value.GetType().Name, "Property", "Value");
        foreach (var p in Columns(value.GetType()))
        {
            table.AddRow(p.Name, Cell(p.GetValue(value)));
        }

        return table;
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => Format.Time(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static PropertyInfo[] Columns(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).Take(12)];

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) ||
        type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(object);

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
