using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting;

/// <summary>Signature and XML doc summary of the symbol at a cursor, then a line per documented parameter
/// (<c>name — doc</c>). Inside an argument list the method being called is described, which is what a user asks for
/// while typing <c>Ls(|</c>.</summary>
internal static class SymbolDocs
{
    /// <summary>Between a parameter's name and its doc in the inspection text's parameter lines.</summary>
    public const string ParameterSeparator = " — ";

    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType |
                           SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                              SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    public static async Task<InspectionResult?> InspectAsync(Document document, int cursor, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var symbols = FindSymbols(root, model, cursor, cancellationToken);
        if (symbols.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        var html = new StringBuilder();
        foreach (var symbol in symbols.Take(6))
        {
            var signature = symbol.ToDisplayString(Signature);
            var docs = Docs(symbol);
            var summary = Summary(docs);
            text.Append(signature).Append('\n');
            html.Append("<div><code>").Append(WebUtility.HtmlEncode(signature)).Append("</code>");
            if (summary is not null)
            {
                text.Append("    ").Append(summary).Append('\n');
                html.Append("<br/>").Append(WebUtility.HtmlEncode(summary));
            }

            foreach (var parameter in Parameters(symbol, docs))
            {
                text.Append("    ").Append(parameter).Append('\n');
                html.Append("<br/><small>").Append(WebUtility.HtmlEncode(parameter)).Append("</small>");
            }

            html.Append("</div>");
        }

        return new InspectionResult(text.ToString().TrimEnd(), html.ToString());
    }

    private static List<ISymbol> FindSymbols(SyntaxNode root, SemanticModel model, int cursor, CancellationToken cancellationToken)
    {
        // Prefer the identifier under or just before the cursor; then the call whose arguments hold the cursor.
        foreach (var position in new[] { cursor, cursor - 1 })
        {
            if (position < 0 || position >= root.FullSpan.End)
            {
                continue;
            }

            var token = root.FindToken(position);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is { } parent)
            {
                var found = Resolve(model, parent, cancellationToken);
                if (found.Count > 0)
                {
                    return found;
                }
            }
        }

        var node = root.FindToken(Math.Max(0, Math.Min(cursor, root.FullSpan.End) - 1)).Parent;
        var call = node?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.ArgumentList.Span.Contains(cursor) || i.ArgumentList.Span.End == cursor);
        return call is null ? [] : Resolve(model, call.Expression, cancellationToken);
    }

    private static List<ISymbol> Resolve(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(node, cancellationToken);
        if (info.Symbol is { } symbol)
        {
            return [symbol];
        }

        if (!info.CandidateSymbols.IsEmpty)
        {
            return [.. info.CandidateSymbols];
        }

        return model.GetDeclaredSymbol(node, cancellationToken) is { } declared ? [declared] : [];
    }

    /// <summary>The symbol's XML doc: its own (our assemblies ship theirs), else the framework's reference pack.</summary>
    private static XElement? Docs(ISymbol symbol)
    {
        var definition = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol.OriginalDefinition;
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml) && definition.Locations.All(l => l.IsInMetadata))
        {
            xml = FrameworkDocs.Find(definition);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            return XElement.Parse(xml);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? Summary(XElement? docs) => Text(docs?.Element("summary"));

    /// <summary>Each documented parameter as <c>name — doc</c> (the form signature help reads).</summary>
    private static IEnumerable<string> Parameters(ISymbol symbol, XElement? docs)
    {
        if (docs is null || symbol is not IMethodSymbol method)
        {
            yield break;
        }

        foreach (var parameter in method.Parameters)
        {
            var element = docs.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == parameter.Name);
            if (Text(element) is { } text)
            {
                yield return parameter.Name + ParameterSeparator + text;
            }
        }
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        element = new XElement(element);
        // <see cref="T:X.Y"/> and <paramref name="p"/> read best as their short names.
        foreach (var reference in element.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
        {
            var name = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("name") ?? (string?)reference.Attribute("langword") ?? string.Empty;
            reference.ReplaceWith(name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('.')[^1]);
        }

        var text = string.Join(' ', element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }
}
