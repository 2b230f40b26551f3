using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Generators;

/// <summary>Writes symbols back as C# source: fully qualified types with their nullable annotations, parameters with
/// their defaults, arguments passed by name.</summary>
internal static class CSharpText
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) => type.ToDisplayString(Qualified);

    /// <summary>A parameter list as declared; <paramref name="isRemote"/> says which carry <c>[RemotePath]</c>.</summary>
    public static string Declare(IEnumerable<IParameterSymbol> parameters, Func<IParameterSymbol, bool> isRemote, bool defaults = true) =>
        string.Join(", ", parameters.Select(p =>
            (isRemote(p) ? "[global::SftpInteractive.RemotePath] " : string.Empty) + Type(p.Type) + " @" + p.Name +
            (defaults && p.HasExplicitDefaultValue ? " = " + Literal(p.ExplicitDefaultValue, p.Type) : string.Empty)));

    /// <summary>The arguments passing <paramref name="parameters"/> on by name.</summary>
    public static string Pass(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.Name + ": @" + p.Name));

    private static string Literal(object? value, ITypeSymbol type) => value switch
    {
        null => type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "default" : "null",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        _ when type.TypeKind == TypeKind.Enum => "(" + Type(type) + ")" + Convert.ToString(value, CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "default",
    };
}
