using SftpInteractive.Scripting;

// The engine's MathString lived in its Jupyter assembly (not on NuGet) under this namespace, and Polyglot cells import it
// by name (`using Microsoft.DotNet.Interactive.Jupyter.Formatting;`): ours stands in under the same name so they compile.
namespace Microsoft.DotNet.Interactive.Jupyter.Formatting;

/// <summary>A math formula shown as <c>text/latex</c> between <c>$$</c> delimiters, as .NET Interactive's
/// <c>MathString</c> was (<c>(MathString)@"\frac{1}{2}"</c>); the delimiters are added when missing. For a whole LaTeX
/// document fragment use <c>LaTeXString</c>.</summary>
public sealed class MathString : IMimeDisplay
{
    private readonly string _math;

    /// <summary>Wraps <paramref name="latexCode"/> in <c>$$</c> unless it already starts and ends with them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="latexCode"/> is null.</exception>
    public MathString(string latexCode)
    {
        ArgumentNullException.ThrowIfNull(latexCode);
        var start = latexCode.StartsWith("$$", StringComparison.Ordinal) ? latexCode : "$$" + latexCode;
        _math = start.Length >= 4 && start.EndsWith("$$", StringComparison.Ordinal) ? start : start + "$$";
    }

    /// <summary>Lets a string literal stand for a formula: <c>MathString m = @"x^2";</c>.</summary>
    public static implicit operator MathString(string source) => new(source);

    /// <summary>The formula with its <c>$$</c> delimiters.</summary>
    public override string ToString() => _math;

    /// <inheritdoc />
    public string ToText() => _math;

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Latex, _math)];
}
