using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace SftpInteractive.Scripting;

/// <summary>
/// Roslyn's editor services need the workspace model: every submission that ran becomes a submission project
/// referencing the previous one, so completion and quick info see locals and types from earlier submissions.
/// Queries add a throw-away project for the text being typed and never change the chain.
/// </summary>
internal sealed class ScriptWorkspace : IDisposable
{
    /// <summary>Script parse options shared with <see cref="ScriptEngine.IsComplete"/>.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    private readonly Lazy<AdhocWorkspace> _workspace = new(() => new AdhocWorkspace(MefHostServices.DefaultHost), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly CSharpCompilationOptions _compilationOptions;
    private readonly Lock _lock = new();
    private readonly List<(string Code, IEnumerable<MetadataReference> References)> _pending = [];
    private ProjectId? _last;
    private ImmutableArray<MetadataReference> _references = ScriptDefaults.References;
    private Solution? _solution;
    private int _count;
    private volatile bool _warm;

    public ScriptWorkspace(string baseDirectory) =>
        _compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: ScriptDefaults.Imports,
            metadataReferenceResolver: ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory),
            sourceReferenceResolver: new SourceFileResolver([], baseDirectory));

    /// <summary>Records a submission that ran (its references include those from <c>#r</c>). The workspace itself is
    /// only built when completion or inspection first needs it: creating it composes every editor service (MEF),
    /// which would otherwise slow down the first result.</summary>
    public void AddSubmission(string code, IEnumerable<MetadataReference> references)
    {
        lock (_lock)
        {
            _pending.Add((code, references));
        }
    }

    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await CompleteAsync("Ls", 2, cancellationToken).ConfigureAwait(false);
        await InspectAsync("Ls(\"/\")", 1, cancellationToken).ConfigureAwait(false);
        await ClassifyAsync("Ls(\"/\")", cancellationToken).ConfigureAwait(false);
        _warm = true;
    }

    /// <summary>How <paramref name="code"/> reads (keywords, types, methods…): Roslyn's classifier once the editor
    /// services are warm; until then the syntax alone, so the first keys are coloured without waiting for them.</summary>
    public async Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken) =>
        _warm || _workspace.IsValueCreated
            ? await CodeClassifier.ClassifyAsync(Query(code), cancellationToken).ConfigureAwait(false)
            : CodeClassifier.Classify(code);

    public async Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        var document = Query(code);
        var service = CompletionService.GetService(document);
        if (service is null)
        {
            return CompletionList.Empty(cursor);
        }

        var completions = await service.GetCompletionsAsync(document, cursor, cancellationToken: cancellationToken).ConfigureAwait(false);
        var span = completions.Span;
        var typed = code[span.Start..Math.Max(span.Start, cursor)];
        var items = completions.ItemsList
            .Where(i => typed.Length == 0 || i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .Select(i => new CompletionEntry(i.DisplayText, i.DisplayTextPrefix + i.DisplayText + i.DisplayTextSuffix, Kind(i), i.InlineDescription is { Length: > 0 } d ? d : null))
            .ToList();
        return new CompletionList(items, span.Start, Math.Max(span.End, cursor));
    }

    public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken) =>
        SymbolDocs.InspectAsync(Query(code), cursor, cancellationToken);

    public void Dispose()
    {
        if (_workspace.IsValueCreated)
        {
            _workspace.Value.Dispose();
        }
    }

    private Solution Solution => _solution ?? _workspace.Value.CurrentSolution;

    private Document Query(string code)
    {
        lock (_lock)
        {
            foreach (var (pendingCode, references) in _pending)
            {
                _references = [.. _references.Union(references)];
                var (chained, project, _) = AddProject(Solution, pendingCode);
                _solution = chained;
                _last = project;
            }

            _pending.Clear();
            var (solution, _, document) = AddProject(Solution, code);
            return solution.GetDocument(document)!;
        }
    }

    private (Solution Solution, ProjectId Project, DocumentId Document) AddProject(Solution solution, string code)
    {
        var name = "Submission" + Interlocked.Increment(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = ProjectId.CreateNewId(name);
        var info = ProjectInfo.Create(
            id, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: _compilationOptions.WithScriptClassName(name),
            parseOptions: ParseOptions,
            metadataReferences: _references,
            projectReferences: _last is null ? [] : [new ProjectReference(_last)],
            hostObjectType: typeof(ScriptGlobals));
        var documentId = DocumentId.CreateNewId(id, name);
        var updated = solution.AddProject(info).AddDocument(
            DocumentInfo.Create(documentId, name + ".csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(code), VersionStamp.Create()))));
        return (updated, id, documentId);
    }

    private static string Kind(CompletionItem item) =>
        item.Tags.FirstOrDefault() is { } tag ? tag.ToLowerInvariant() : "text";
}
