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
    [Verb(VerbGroup.Preview, "first lines of a remote text file")]
    public async Task<IReadOnlyList<string>> HeadAsync([RemotePath] string path, int lines = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        return await GuardAsync<IReadOnlyList<string>>("read", target, async (c, t) =>
        {
            using var stream = await SftpClientRequests.OpenReadAsync(c, target, t).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8, true, 16 * 1024);
            var result = new List<string>(lines);
            var read = 0L;
            while (result.Count < lines && read < MaxPreviewBytes && await reader.ReadLineAsync(t).ConfigureAwait(false) is { } line)
            {
                result.Add(line);
                read += line.Length + 1;
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last <paramref name="lines"/> lines of a remote text file (like <c>tail</c>): reads backwards from
    /// the end in growing blocks, so a huge log costs a few kilobytes.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    [Verb(VerbGroup.Preview, "last lines of a remote text file")]
    public async Task<IReadOnlyList<string>> TailAsync([RemotePath] string path, int lines = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        return await GuardAsync<IReadOnlyList<string>>("read", target, async (c, t) =>
        {
            using var stream = await SftpClientRequests.OpenReadAsync(c, target, t).ConfigureAwait(false);
            var size = stream.Length;
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
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A whole remote text file as a string, refusing files larger than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    /// <exception cref="SftpTransferException">The file is larger than <paramref name="maxBytes"/>.</exception>
    [Verb(VerbGroup.Preview, "a remote text file's content (size-capped)")]
    public async Task<string> ReadTextAsync([RemotePath] string path, long maxBytes = DefaultReadTextLimit, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        return await GuardAsync("read", target, async (c, t) =>
        {
            var size = (long)(await SftpClientRequests.StatAsync(c, target, t).ConfigureAwait(false)).Size;
            if (size > maxBytes)
            {
                throw new SftpTransferException(
                    $"{target} has {Format.Bytes(size)}, more than the {Format.Bytes(maxBytes)} ReadText reads. Use Head/Tail, pass a larger maxBytes, or GetAsync it.");
            }

            using var stream = await SftpClientRequests.OpenReadAsync(c, target, t).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The header and first <paramref name="rows"/> rows of a remote CSV file as a table, reading only those rows.
    /// Quoted fields (with separators, quotes or line breaks inside) are handled.</summary>
    /// <exception cref="SftpPathNotFoundException">The file does not exist.</exception>
    [Verb(VerbGroup.Preview, "header and first rows of a remote CSV as a table")]
    public async Task<CsvPreview> CsvAsync([RemotePath] string path, int rows = 20, char separator = ',', CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        return await GuardAsync("read", target, async (c, t) =>
        {
            using var stream = await SftpClientRequests.OpenReadAsync(c, target, t).ConfigureAwait(false);
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
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadRangeAsync(Stream stream, long offset, int count, CancellationToken cancellationToken)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
