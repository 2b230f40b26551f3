using System.Globalization;
using System.Reflection;

namespace SftpInteractive.Interactive;

/// <summary>Writes a reflected member's signature back as C# source (fully qualified types, nullable annotations,
/// default values), so the verbs' forwarding declarations are derived from <see cref="SftpVerbs"/> itself.</summary>
internal static class CSharpSignature
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(string)] = "string", [typeof(bool)] = "bool", [typeof(int)] = "int",
        [typeof(long)] = "long", [typeof(char)] = "char", [typeof(object)] = "object", [typeof(double)] = "double",
    };

    /// <summary>The C# name of <paramref name="type"/>; <paramref name="nullability"/> adds <c>?</c> where the
    /// reference type is nullable.</summary>
    public static string TypeName(Type type, NullabilityInfo? nullability = null)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        var suffix = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : string.Empty;
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + suffix;
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[]" + suffix;
        }

        var name = "global::" + (type.FullName ?? type.Name).Split('`')[0].Replace('+', '.');
        if (!type.IsGenericType)
        {
            return name + suffix;
        }

        var arguments = type.GetGenericArguments()
            .Select((a, i) => TypeName(a, nullability is { GenericTypeArguments.Length: > 0 } n && i < n.GenericTypeArguments.Length ? n.GenericTypeArguments[i] : null));
        return $"{name}<{string.Join(", ", arguments)}>{suffix}";
    }

    /// <summary>A parameter as it is declared: type, <c>@name</c>, default value.</summary>
    public static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var declaration = $"{TypeName(parameter.ParameterType, nullability.Create(parameter))} @{parameter.Name}";
        return parameter.HasDefaultValue ? $"{declaration} = {Literal(parameter.DefaultValue, parameter.ParameterType)}" : declaration;
    }

    private static string Literal(object? value, Type type) => value switch
    {
        null => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
        string s => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        char c => c == '\'' ? "'\\''" : c == '\\' ? "'\\\\'" : $"'{c}'",
        bool b => b ? "true" : "false",
        Enum e => $"({TypeName(e.GetType())}){Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + (value is long ? "L" : string.Empty),
        _ => "default",
    };
}
