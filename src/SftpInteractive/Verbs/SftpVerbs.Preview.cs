namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>The first lines of a remote text file, without downloading it.</summary>
    [Verb(VerbGroup.Preview, "first lines of a remote text file")]
    public IReadOnlyList<string> Head([RemotePath] string path, int lines = 10) => HeadAsync(path, lines).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Head"/>.</summary>
    public Task<IReadOnlyList<string>> HeadAsync([RemotePath] string path, int lines = 10, CancellationToken cancellationToken = default) =>
        Session.HeadAsync(path, lines, cancellationToken);

    /// <summary>The last lines of a remote text file (reads only the end).</summary>
    [Verb(VerbGroup.Preview, "last lines of a remote text file")]
    public IReadOnlyList<string> Tail([RemotePath] string path, int lines = 10) => TailAsync(path, lines).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Tail"/>.</summary>
    public Task<IReadOnlyList<string>> TailAsync([RemotePath] string path, int lines = 10, CancellationToken cancellationToken = default) =>
        Session.TailAsync(path, lines, cancellationToken);

    /// <summary>A remote text file's content (refused above the size cap).</summary>
    [Verb(VerbGroup.Preview, "a remote text file's content (size-capped)")]
    public string ReadText([RemotePath] string path, long maxBytes = SftpSession.DefaultReadTextLimit) => ReadTextAsync(path, maxBytes).GetAwaiter().GetResult();

    /// <summary>Async <see cref="ReadText"/>.</summary>
    public Task<string> ReadTextAsync([RemotePath] string path, long maxBytes = SftpSession.DefaultReadTextLimit, CancellationToken cancellationToken = default) =>
        Session.ReadTextAsync(path, maxBytes, cancellationToken);

    /// <summary>The header and first rows of a remote CSV, as a table.</summary>
    [Verb(VerbGroup.Preview, "header and first rows of a remote CSV as a table")]
    public CsvPreview Csv([RemotePath] string path, int rows = 20, char separator = ',') => CsvAsync(path, rows, separator).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Csv"/>.</summary>
    public Task<CsvPreview> CsvAsync([RemotePath] string path, int rows = 20, char separator = ',', CancellationToken cancellationToken = default) =>
        Session.CsvAsync(path, rows, separator, cancellationToken);
}
