using System.Collections.Concurrent;

namespace SftpInteractive;

/// <summary>What went wrong on the way to a credential during one connection attempt (agent not running, agent
/// refused to sign, a certificate that does not fit): told in the authentication error and the connection log, while the
/// other methods are still tried.</summary>
internal sealed class AuthNotes
{
    private readonly ConcurrentQueue<string> _notes = new();

    /// <summary>Adds a note (without secrets); the connection log shows it as it happens.</summary>
    public void Add(string note)
    {
        _notes.Enqueue(note);
        SftpLog.Info($"auth: {note}");
    }

    /// <summary>The notes so far, in order.</summary>
    public IReadOnlyList<string> All => [.. _notes.Distinct()];

    /// <summary>" Also: a; b." or empty, to append to a message.</summary>
    public string Suffix => _notes.IsEmpty ? "" : $" Also: {string.Join("; ", All)}.";
}
