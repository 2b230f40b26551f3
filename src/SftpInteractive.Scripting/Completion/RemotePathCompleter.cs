using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting;

/// <summary>
/// Completes remote paths inside the string arguments that are remote paths (<c>Ls("/da|</c> → <c>/data/</c>,
/// <c>Get("/data/a.csv", "./a.csv")</c>'s first argument but not its second): <see cref="RemotePathParameters"/> says
/// which. Listings come from the current session with a short timeout and a short-lived cache, so Tab stays snappy;
/// at most <see cref="MaxItems"/> entries are offered, so a directory of 100,000 files does not flood the host.
/// </summary>
internal sealed class RemotePathCompleter(Func<SftpSession?> session, TimeProvider? time = null, TimeSpan? listTimeout = null) : IDisposable
{
    /// <summary>The most entries one completion offers (the first ones in order: directories, then files, by name).</summary>
    public const int MaxItems = 500;

    private static readonly TimeSpan DefaultListTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(15);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _listTimeout = listTimeout ?? DefaultListTimeout;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, RemoteListing Listing)> _cache = new(StringComparer.Ordinal);

    /// <summary>Remote completions, or null when the cursor is not inside a path argument (Roslyn answers then).</summary>
    public async Task<CompletionList?> CompleteAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        var typed = TypedPath(code, cursor, out var literalStart);
        if (typed is null)
        {
            return null;
        }

        var current = session();
        if (current is null || !current.IsConnected)
        {
            return CompletionList.Empty(cursor);
        }

        var slash = typed.LastIndexOf('/');
        var directory = slash < 0 ? "." : slash == 0 ? "/" : typed[..slash];
        var prefix = typed[(slash + 1)..];
        var listing = await ListAsync(current, directory, cancellationToken).ConfigureAwait(false);
        if (listing is null)
        {
            return CompletionList.Empty(cursor);
        }

        var items = listing
            .Where(e => e.Name is not "." and not ".." && e.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(e => prefix.StartsWith('.') || !e.Name.StartsWith('.'))
            .OrderBy(e => e.IsDirectory ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(MaxItems)
            .Select(e => e.IsDirectory
                ? new CompletionEntry(e.Name + "/", e.Name + "/", "remote-directory", null)
                : new CompletionEntry(e.Name, e.Name, "remote-file", Format.Bytes(e.Size)))
            .ToList();
        var start = literalStart + slash + 1;
        return new CompletionList(items, start, cursor);
    }

    public void Dispose() => _cache.Clear();

    /// <summary>The path typed so far when the cursor is inside a string argument of a path method.</summary>
    internal static string? TypedPath(string code, int cursor, out int literalStart)
    {
        literalStart = 0;
        var tree = CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions);
        var token = tree.GetRoot().FindToken(Math.Max(0, cursor - 1));
        if (!token.IsKind(SyntaxKind.StringLiteralToken) || token.Text.StartsWith('@') || cursor <= token.SpanStart)
        {
            return null;
        }

        // Unterminated literals ("/da at the end of the line) end at the cursor; terminated ones before the quote.
        var closed = token.Text.Length >= 2 && token.Text.EndsWith('"') && !token.ContainsDiagnostics;
        if (closed && cursor >= token.Span.End)
        {
            return null;
        }

        if (token.Parent is not LiteralExpressionSyntax { Parent: ArgumentSyntax argument }
            || argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax call } arguments)
        {
            return null;
        }

        var name = call.Expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        };
        if (name is null || !RemotePathParameters.IsRemote(name, arguments.Arguments.IndexOf(argument), argument.NameColon?.Name.Identifier.ValueText))
        {
            return null;
        }

        literalStart = token.SpanStart + 1;
        return code[literalStart..cursor];
    }

    private async Task<RemoteListing?> ListAsync(SftpSession current, string directory, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_listTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // ~user/ asks the server for that home once per session; every other path resolves without a request.
            var key = await current.ResolvePathAsync(directory, linked.Token).ConfigureAwait(false);
            if (_cache.TryGetValue(key, out var cached) && _time.GetUtcNow() - cached.At < CacheLifetime)
            {
                return cached.Listing;
            }

            var listing = await current.LsAsync(key, linked.Token).ConfigureAwait(false);
            _cache[key] = (_time.GetUtcNow(), listing);
            return listing;
        }
        catch (Exception e) when (e is SftpInteractiveException or OperationCanceledException)
        {
            // A path that does not exist or a slow server simply means no suggestions.
            return null;
        }
    }
}
