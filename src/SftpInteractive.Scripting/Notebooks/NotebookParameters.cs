using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Scripting;

/// <summary>
/// Parameters for a notebook run, injected as papermill injects them for a C# kernel: a new C# cell tagged
/// <c>injected-parameters</c> right after the cell tagged <c>parameters</c> (at the top when there is none; replacing
/// the injected cell of an earlier run), one <c>var name = value;</c> line per parameter, so later cells see the
/// values and the notebook's defaults are overridden.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The tag of the cell whose defaults the parameters override.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the injected cell.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Injects <paramref name="parameters"/> (name, value as typed on the command line) into <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a C# identifier.</exception>
    public static void Inject(NotebookDocument document, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            return;
        }

        foreach (var (name, _) in parameters)
        {
            if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            {
                throw new ArgumentException($"parameter name '{name}' is not a C# identifier", nameof(parameters));
            }
        }

        var code = string.Join('\n', parameters.Select(p => $"var {p.Key} = {Literal(p.Value)};"));
        var cell = new NotebookCell(NotebookLanguages.CSharp, code);
        cell.Tags.Add(InjectedTag);
        var previous = document.Tagged(InjectedTag);
        if (previous is not null)
        {
            var at = document.Cells.IndexOf(previous);
            document.Cells[at] = cell;
            return;
        }

        var tagged = document.Tagged(ParametersTag);
        document.Cells.Insert(tagged is null ? 0 : document.Cells.IndexOf(tagged) + 1, cell);
    }

    /// <summary>The C# literal of a value typed on the command line: <c>true</c>/<c>false</c> as bool, a whole number as
    /// int (long when it does not fit, with its <c>L</c>), a decimal number as double, anything else as a string
    /// (quoted and escaped). A value in double quotes is always a string.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return SymbolDisplay.FormatLiteral(value[1..^1], quote: true);
        }

        if (value is "true" or "false" or "True" or "False")
        {
            return value.ToLowerInvariant();
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture) + "L";
        }

        if (value.Length > 0 && (char.IsDigit(value[0]) || value[0] is '-' or '+' or '.')
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
        }

        return SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
