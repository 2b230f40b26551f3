using System.Globalization;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Maps numeric owner and group ids to names using the server's <c>/etc/passwd</c> and <c>/etc/group</c>, read once
/// over SFTP. SFTP v3 sends only numbers; chrooted servers hide those files, and then numbers are shown.
/// </summary>
internal sealed class OwnerNames
{
    private readonly Dictionary<int, string> _users;
    private readonly Dictionary<int, string> _groups;

    private OwnerNames(Dictionary<int, string> users, Dictionary<int, string> groups)
    {
        _users = users;
        _groups = groups;
    }

    // Read in one request where the server's files are this small (they usually are); larger ones take more reads.
    private const int ExpectedSize = 60 * 1024;

    /// <summary>No names: every owner and group is shown as its number.</summary>
    public static OwnerNames None { get; } = new([], []);

    /// <summary>Reads the name databases, both at once; any failure yields an empty map.</summary>
    public static async Task<OwnerNames> LoadAsync(SftpClient client, CancellationToken cancellationToken)
    {
        var users = ReadAsync(client, "/etc/passwd", cancellationToken);
        var groups = ReadAsync(client, "/etc/group", cancellationToken);
        return new(await users.ConfigureAwait(false), await groups.ConfigureAwait(false));
    }

    /// <summary>The user name of <paramref name="id"/>, or the number.</summary>
    public string User(int id) => _users.TryGetValue(id, out var name) ? name : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The group name of <paramref name="id"/>, or the number.</summary>
    public string Group(int id) => _groups.TryGetValue(id, out var name) ? name : id.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<int, string>> ReadAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, string>();
        try
        {
            var text = await ReadTextAsync(client, path, cancellationToken).ConfigureAwait(false);
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    map.TryAdd(id, fields[0]);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Best effort: numbers are shown instead of names.
        }

        return map;
    }

    private static async Task<string> ReadTextAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        if (SmallFileReader.IsAvailable)
        {
            using var buffer = new MemoryStream();
            await SmallFileReader.CopyAsync(client, path, ExpectedSize, buffer, cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        using var stream = await client.OpenAsync(path, FileMode.Open, FileAccess.Read, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
