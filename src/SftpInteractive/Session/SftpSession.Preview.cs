using System.Text;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>Default cap of <see cref="ReadTextAsync"/>: 1 MiB.</summary>
    public const long DefaultReadTextLimit = 1024 * 1024;

    // A line longer than this is cut; it keeps Head/Tail of a binary or single-line file from reading it all.
    private const int MaxPreviewBytes = 4 * 1024 * 1024;

    /// <summary>The first <paramref name="lines"/> lines of a remote text file (like <c>head</c>), reading only what is needed.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    public Task<IReadOnlyList<string>> HeadAsync(string path, int lines = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var target = ResolvePath(path);
        return GuardAsync<IReadOnlyList<string>>("read", target, async (c, t) =>
        {
            using var stream = await c.OpenAsync(target, FileMode.Open, FileAccess.Read, t).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8, true, 16 * 1024);
            var result = new List<string>(lines);
            var read = 0L;
            while (result.Count < lines && read < MaxPreviewBytes && await reader.ReadLineAsync(t).ConfigureAwait(false) is { } line)
            {
                result.Add(line);
                read += line.Length + 1;
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="HeadAsync"/>.</summary>
    public IReadOnlyList<string> Head(string path, int lines = 10) => HeadAsync(path, lines).GetAwaiter().GetResult();

    /// <summary>The last <paramref name="lines"/> lines of a remote text file (like <c>tail</c>): reads backwards from
    /// the end in growing blocks, so a huge log costs a few kilobytes.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    public Task<IReadOnlyList<string>> TailAsync(string path, int lines = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var target = ResolvePath(path);
        return GuardAsync<IReadOnlyList<string>>("read", target, async (c, t) =>
        {
            using var stream = await c.OpenAsync(target, FileMode.Open, FileAccess.Read, t).ConfigureAwait(false);
            var size = (await c.GetAttributesAsync(target, t).ConfigureAwait(false)).Size;
            var block = 8192L;
            while (true)
            {
                var start = Math.Max(0, size - block);
                var bytes = await ReadRangeAsync(stream, start, (int)(size - start), t).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(bytes);
                var all = text.Split('\n');
                var body = all.Length > 0 && all[^1].Length == 0 ? all[..^1] : all;
                // The first piece may be a cut line unless we read from the start of the file.
                var complete = start == 0 ? body : body[1..];
                if (complete.Length >= lines || start == 0 || block >= MaxPreviewBytes)
                {
                    return complete.TakeLast(lines).Select(l => l.TrimEnd('\r')).ToList();
                }

                block *= 4;
            }
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="TailAsync"/>.</summary>
    public IReadOnlyList<string> Tail(string path, int lines = 10) => TailAsync(path, lines).GetAwaiter().GetResult();

    /// <summary>A whole remote text file as a string, refusing files larger than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    /// <exception cref="SftpTransferException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public Task<string> ReadTextAsync(string path, long maxBytes = DefaultReadTextLimit, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        return GuardAsync("read", target, async (c, t) =>
        {
            var size = (await c.GetAttributesAsync(target, t).ConfigureAwait(false)).Size;
            if (size > maxBytes)
            {
                throw new SftpTransferException(
                    $"{target} has {Format.Bytes(size)}, more than the {Format.Bytes(maxBytes)} ReadText reads. Use Head/Tail, pass a larger maxBytes, or GetAsync it.");
            }

            using var stream = await c.OpenAsync(target, FileMode.Open, FileAccess.Read, t).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(t).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="ReadTextAsync"/>.</summary>
    /// <exception cref="SftpTransferException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public string ReadText(string path, long maxBytes = DefaultReadTextLimit) => ReadTextAsync(path, maxBytes).GetAwaiter().GetResult();

    /// <summary>The header and first <paramref name="rows"/> rows of a remote CSV file as a table, reading only those rows.
    /// Quoted fields (with separators, quotes or line breaks inside) are handled.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    public Task<CsvPreview> CsvAsync(string path, int rows = 20, char separator = ',', CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var target = ResolvePath(path);
        return GuardAsync("read", target, async (c, t) =>
        {
            using var stream = await c.OpenAsync(target, FileMode.Open, FileAccess.Read, t).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8, true, 16 * 1024);
            var csv = new CsvReader(reader, separator);
            var header = await csv.ReadRecordAsync(t).ConfigureAwait(false) ?? [];
            var records = new List<IReadOnlyList<string>>(rows);
            while (records.Count < rows && await csv.ReadRecordAsync(t).ConfigureAwait(false) is { } record)
            {
                records.Add(record);
            }

            var more = await csv.ReadRecordAsync(t).ConfigureAwait(false) is not null;
            return new CsvPreview(target, header, records, more);
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="CsvAsync"/>.</summary>
    public CsvPreview Csv(string path, int rows = 20, char separator = ',') => CsvAsync(path, rows, separator).GetAwaiter().GetResult();

    private static async Task<byte[]> ReadRangeAsync(Stream stream, long offset, int count, CancellationToken cancellationToken)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
