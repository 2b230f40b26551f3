using System.Collections.Concurrent;
using System.Globalization;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Maps numeric owner and group ids to names. SFTP v3 sends only numbers. When the server offers
/// <c>users-groups-by-id@openssh.com</c> the names are asked of the server (the unknown ids of a listing in one request,
/// remembered for the session), which also works where the name databases cannot be read (chroots, locked-down
/// servers). Otherwise the server's <c>/etc/passwd</c> and <c>/etc/group</c> are read once over SFTP; where those are
/// hidden too, numbers are shown.
/// </summary>
internal sealed class OwnerNames
{
    private readonly ConcurrentDictionary<int, string> _users;
    private readonly ConcurrentDictionary<int, string> _groups;
    private readonly Func<SftpClient>? _asker;

    private OwnerNames(Dictionary<int, string> users, Dictionary<int, string> groups, Func<SftpClient>? asker)
    {
        _users = new(users);
        _groups = new(groups);
        _asker = asker;
    }

    // Read in one request where the server's files are this small (they usually are); larger ones take more reads.
    private const int ExpectedSize = 60 * 1024;

    /// <summary>No names: every owner and group is shown as its number.</summary>
    public static OwnerNames None { get; } = new([], [], null);

    /// <summary>True when names are asked of the server (<c>users-groups-by-id@openssh.com</c>), not read from files.</summary>
    public bool AsksServer => _asker is not null;

    /// <summary>Asks the server for names when it offers the extension, else reads the name databases (both at once);
    /// any failure yields an empty map. <paramref name="client"/> gives the session's current client (a reconnect
    /// replaces it).</summary>
    public static Task<OwnerNames> LoadAsync(Func<SftpClient> client, CancellationToken cancellationToken) =>
        LoadAsync(client, "/etc/passwd", "/etc/group", cancellationToken);

    /// <summary><see cref="LoadAsync(Func{SftpClient}, CancellationToken)"/> with the databases' paths (tests name unreadable ones).</summary>
    internal static async Task<OwnerNames> LoadAsync(Func<SftpClient> client, string passwd, string group, CancellationToken cancellationToken)
    {
        try
        {
            var engine = await SftpEngines.ForAsync(client(), cancellationToken).ConfigureAwait(false);
            if (engine.Supports(ExtensionNames.UsersGroupsById))
            {
                return new([], [], client);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not connected yet or any more: the files' way below fails the same way, and numbers are shown.
        }

        var users = ReadAsync(client(), passwd, cancellationToken);
        var groups = ReadAsync(client(), group, cancellationToken);
        return new(await users.ConfigureAwait(false), await groups.ConfigureAwait(false), null);
    }

    /// <summary>The user name of <paramref name="id"/>, or the number.</summary>
    public string User(int id) => _users.TryGetValue(id, out var name) ? name : Number(id);

    /// <summary>The group name of <paramref name="id"/>, or the number.</summary>
    public string Group(int id) => _groups.TryGetValue(id, out var name) ? name : Number(id);

    /// <summary>Makes the names of <paramref name="userId"/> and <paramref name="groupId"/> known (at most one request).</summary>
    public Task ResolveAsync(int userId, int groupId, CancellationToken cancellationToken) =>
        _asker is null || (_users.ContainsKey(userId) && _groups.ContainsKey(groupId)) ? Task.CompletedTask
            : ResolveAsync([userId], [groupId], cancellationToken);

    /// <summary>Makes the names of these ids known: the ones not known yet are asked in one request. A failed request
    /// leaves numbers for them (best effort, as with unreadable files).</summary>
    public async Task ResolveAsync(IEnumerable<int> userIds, IEnumerable<int> groupIds, CancellationToken cancellationToken)
    {
        if (_asker is null)
        {
            return;
        }

        var users = userIds.Where(id => !_users.ContainsKey(id)).Distinct().ToArray();
        var groups = groupIds.Where(id => !_groups.ContainsKey(id)).Distinct().ToArray();
        if (users.Length == 0 && groups.Length == 0)
        {
            return;
        }

        string[] userNames, groupNames;
        try
        {
            var engine = await SftpEngines.ForAsync(_asker(), cancellationToken).ConfigureAwait(false);
            (userNames, groupNames) = await engine.UsersGroupsByIdAsync(
                [.. users.Select(id => unchecked((uint)id))], [.. groups.Select(id => unchecked((uint)id))], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return; // numbers are shown; the next listing asks again
        }

        Remember(_users, users, userNames);
        Remember(_groups, groups, groupNames);
    }

    private static void Remember(ConcurrentDictionary<int, string> map, int[] ids, string[] names)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            // The server sends an empty name for an id it has no name for: that id is shown as its number.
            map.TryAdd(ids[i], string.IsNullOrEmpty(names[i]) ? Number(ids[i]) : names[i]);
        }
    }

    private static string Number(int id) => id.ToString(CultureInfo.InvariantCulture);

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
        using var buffer = new MemoryStream();
        await SmallFileReader.CopyAsync(client, path, ExpectedSize, buffer, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
