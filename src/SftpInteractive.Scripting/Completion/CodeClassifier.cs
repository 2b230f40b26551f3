using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Classification;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SftpInteractive.Scripting;

/// <summary>Classifies a submission for highlighting as the user types: Roslyn's <see cref="Classifier"/> mapped to a
/// few kinds a host colours (<see cref="ClassifiedRange.Kind"/>), with the helper's verbs told apart from other methods.</summary>
internal static class CodeClassifier
{
    private static readonly HashSet<string> Verbs = [.. typeof(ScriptGlobals).GetMethods().Where(m => m.IsPublic && !m.IsSpecialName && m.DeclaringType != typeof(object)).Select(m => m.Name)];

    public static async Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var spans = await Classifier.GetClassifiedSpansAsync(document, new TextSpan(0, text.Length), cancellationToken).ConfigureAwait(false);
        var ranges = new List<ClassifiedRange>();
        foreach (var span in spans)
        {
            if (Kind(span.ClassificationType) is not { } kind)
            {
                continue;
            }

            if (kind == "method" && Verbs.Contains(text.ToString(span.TextSpan)))
            {
                kind = "verb";
            }

            // Roslyn adds modifier classifications (static symbol) over the same span: the first one counts.
            if (ranges.Count > 0 && ranges[^1].Start == span.TextSpan.Start && ranges[^1].Length == span.TextSpan.Length)
            {
                continue;
            }

            ranges.Add(new ClassifiedRange(span.TextSpan.Start, span.TextSpan.Length, kind));
        }

        return ranges;
    }

    /// <summary>The syntax alone (no references, no semantic model): keywords, literals, comments, and a name followed
    /// by <c>(</c> as a method.</summary>
    public static IReadOnlyList<ClassifiedRange> Classify(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions).GetRoot();
        var ranges = new List<ClassifiedRange>();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    ranges.Add(new ClassifiedRange(trivia.Span.Start, trivia.Span.Length, "comment"));
                }
            }

            var kind = token.Kind() switch
            {
                SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.CharacterLiteralToken
                    or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedStringEndToken
                    or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => "string",
                SyntaxKind.NumericLiteralToken => "number",
                SyntaxKind.IdentifierToken when token.GetNextToken().IsKind(SyntaxKind.OpenParenToken) => Verbs.Contains(token.ValueText) ? "verb" : "method",
                var k when SyntaxFacts.IsKeywordKind(k) || SyntaxFacts.IsPreprocessorKeyword(k) => "keyword",
                _ => null,
            };
            if (kind is not null && token.Span.Length > 0)
            {
                ranges.Add(new ClassifiedRange(token.Span.Start, token.Span.Length, kind));
            }
        }

        return [.. ranges.OrderBy(r => r.Start)];
    }

    private static string? Kind(string classification) => classification switch
    {
        ClassificationTypeNames.Keyword or ClassificationTypeNames.ControlKeyword or ClassificationTypeNames.PreprocessorKeyword => "keyword",
        ClassificationTypeNames.ClassName or ClassificationTypeNames.StructName or ClassificationTypeNames.InterfaceName
            or ClassificationTypeNames.EnumName or ClassificationTypeNames.DelegateName or ClassificationTypeNames.RecordClassName
            or ClassificationTypeNames.RecordStructName or ClassificationTypeNames.TypeParameterName or ClassificationTypeNames.NamespaceName => "type",
        ClassificationTypeNames.StringLiteral or ClassificationTypeNames.VerbatimStringLiteral or ClassificationTypeNames.StringEscapeCharacter => "string",
        ClassificationTypeNames.NumericLiteral => "number",
        ClassificationTypeNames.Comment or ClassificationTypeNames.XmlDocCommentText or ClassificationTypeNames.XmlDocCommentDelimiter => "comment",
        ClassificationTypeNames.MethodName or ClassificationTypeNames.ExtensionMethodName => "method",
        ClassificationTypeNames.PropertyName or ClassificationTypeNames.FieldName or ClassificationTypeNames.EventName => "member",
        ClassificationTypeNames.LocalName or ClassificationTypeNames.ParameterName => "variable",
        _ => null,
    };
}
