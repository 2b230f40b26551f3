using System.Collections;
using System.Globalization;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>Tables and one-line lists built by reflection for values that do not render themselves
/// (a LINQ query over entries, a list of records, a dictionary).</summary>
internal static class ObjectTable
{
    private static readonly AsyncLocal<IReadOnlyList<string>?> TupleNames = new();

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

    /// <summary>A table of the sequence's items, its rows bounded by <see cref="DisplayOptions.MaxRows"/>.</summary>
    public static DisplayTable Build(IEnumerable sequence)
    {
        if (sequence is IDictionary dictionary)
        {
            var kv = new DisplayTable(null, "Key", "Value");
            kv.AddRows(Entries(dictionary), e => [Cell(e.Key), Cell(e.Value)]);
            kv.Footer = Format.Count(kv.TotalRows, "entry", "entries");
            return kv;
        }

        var columns = Columns(ElementType(sequence.GetType())!);
        var table = new DisplayTable(null, [.. columns.Select(c => c.Name)]);
        table.AddRows(sequence.Cast<object?>(), item => [.. columns.Select(c => item is null ? string.Empty : Cell(c.GetValue(item)))]);
        table.AlignRight([.. columns.Select((c, i) => (c, i)).Where(x => IsNumber(x.c.Type)).Select(x => x.i)]); // numbers line up, as in pandas
        table.Footer = Format.Count(table.TotalRows, "row");
        return table;
    }

    // The dictionary's own enumerator yields DictionaryEntry; a generic dictionary's IEnumerable one yields
    // KeyValuePair<K, V>, which no cast turns into an entry.
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    /// <summary>The items on one line, bounded like a table: <c>[1, 2, … 400 more items (500 in all), 499, 500]</c>.</summary>
    public static string Inline(IEnumerable sequence, int? maxItems = null)
    {
        var table = new DisplayTable(null, "Item");
        using (maxItems is { } limit ? DisplayOptions.Use(limit) : null)
        {
            table.AddRows(sequence.Cast<object?>(), item => [item is string s ? $"\"{s}\"" : Cell(item)]);
            var (rows, _) = table.ShownRows();
            var hidden = table.TotalRows - rows.Count(r => r is not null);
            return "[" + string.Join(", ", rows.Select(r => r?[0] ?? DisplayOptions.MoreLine(hidden, table.TotalRows, "item"))) + "]";
        }
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

    private sealed class TupleNamesScope(IReadOnlyList<string>? previous) : IDisposable
    {
        public void Dispose() => TupleNames.Value = previous;
    }

    /// <summary>A column: a public property, or a tuple's field (<c>Item1</c>, <c>Item2</c>…; a tuple's element names
    /// exist only in the compiler).</summary>
    private sealed record Column(string Name, Type Type, Func<object, object?> GetValue);

    private static bool IsNumber(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(decimal) || (type.IsPrimitive && type != typeof(bool) && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr));
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => Format.Time(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Names the columns of the tuples rendered in this async flow <paramref name="names"/> (the engine knows
    /// them from the compiler for a cell's trailing expression) until disposed; null changes nothing.</summary>
    public static IDisposable? UseTupleNames(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return null;
        }

        var previous = TupleNames.Value;
        TupleNames.Value = names;
        return new TupleNamesScope(previous);
    }

    private static Column[] Columns(Type type)
    {
        if (type.IsValueType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            var names = TupleNames.Value is { } known && known.Count == fields.Length && fields.Length < 8 ? known : null;
            return [.. fields.Take(12).Select((f, i) => new Column(names?[i] ?? f.Name, f.FieldType, f.GetValue))];
        }

        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).Take(12).Select(p => new Column(p.Name, p.PropertyType, p.GetValue))];
    }

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
