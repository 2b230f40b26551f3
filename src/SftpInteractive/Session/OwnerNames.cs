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

    /// <summary>Reads the name databases; any failure yields an empty map.</summary>
    public static async Task<OwnerNames> LoadAsync(SftpClient client, CancellationToken cancellationToken) =>
        new(await ReadAsync(client, "/etc/passwd", cancellationToken).ConfigureAwait(false),
            await ReadAsync(client, "/etc/group", cancellationToken).ConfigureAwait(false));

    /// <summary>The user name of <paramref name="id"/>, or the number.</summary>
    public string User(int id) => _users.TryGetValue(id, out var name) ? name : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The group name of <paramref name="id"/>, or the number.</summary>
    public string Group(int id) => _groups.TryGetValue(id, out var name) ? name : id.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<int, string>> ReadAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, string>();
        try
        {
            using var stream = await client.OpenAsync(path, FileMode.Open, FileAccess.Read, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
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
}
