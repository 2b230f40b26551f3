using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets.Comms;

/// <summary>
/// The comms of this process: targets the front end may open comms to, the comms open now, and the host's transport.
/// Libraries register targets and open comms here; the kernel feeds it what the front end sends.
/// </summary>
public static class CommHub
{
    private static readonly ConcurrentDictionary<string, Action<Comm, CommMessage>> Targets = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Comm> Open = new(StringComparer.Ordinal);
    private static volatile ICommTransport? _transport;

    /// <summary>True when a front end is attached (a Jupyter kernel); false in the REPL, where comms only live here.</summary>
    public static bool HasFrontEnd => _transport is not null;

    /// <summary>Lets the front end open comms to <paramref name="targetName"/>: <paramref name="opened"/> gets each new
    /// comm and the data of its <c>comm_open</c>. Replaces an earlier registration of the same name.</summary>
    public static void RegisterTarget(string targetName, Action<Comm, CommMessage> opened)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        ArgumentNullException.ThrowIfNull(opened);
        Targets[targetName] = opened;
    }

    /// <summary>Removes a target; comms already open stay open.</summary>
    public static bool UnregisterTarget(string targetName) => Targets.TryRemove(targetName, out _);

    /// <summary>Opens a comm to the front end's <paramref name="targetName"/> (sends <c>comm_open</c>).</summary>
    public static Comm OpenComm(string targetName, JsonObject? data = null, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null) =>
        OpenComm(targetName, Guid.NewGuid().ToString("N"), data, metadata, buffers);

    /// <summary>Opens a comm with a chosen id (a widget's model id).</summary>
    internal static Comm OpenComm(string targetName, string commId, JsonObject? data, JsonObject? metadata, IReadOnlyList<byte[]>? buffers)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        var comm = new Comm(commId, targetName);
        Open[comm.Id] = comm;
        Send("comm_open", new JsonObject { ["comm_id"] = comm.Id, ["target_name"] = targetName, ["data"] = data ?? [] }, metadata, buffers);
        return comm;
    }

    /// <summary>The open comms (id → target name), those of <paramref name="targetName"/> only when given (what
    /// <c>comm_info_request</c> answers).</summary>
    public static IReadOnlyDictionary<string, string> OpenComms(string? targetName = null) =>
        Open.Values.Where(c => string.IsNullOrEmpty(targetName) || c.TargetName == targetName)
            .ToDictionary(c => c.Id, c => c.TargetName, StringComparer.Ordinal);

    /// <summary>Installs (or, with null, removes) the host's transport.</summary>
    internal static void Attach(ICommTransport? transport) => _transport = transport;

    /// <summary>A <c>comm_open</c> from the front end: true when a target took it (false: the host closes it).</summary>
    internal static bool HandleOpen(string commId, string targetName, CommMessage message)
    {
        if (!Targets.TryGetValue(targetName, out var opened))
        {
            return false;
        }

        var comm = new Comm(commId, targetName);
        Open[commId] = comm;
        opened(comm, message);
        return true;
    }

    /// <summary>A <c>comm_msg</c> from the front end; false when no such comm is open.</summary>
    internal static bool HandleMessage(string commId, CommMessage message)
    {
        if (!Open.TryGetValue(commId, out var comm))
        {
            return false;
        }

        comm.Receive(message);
        return true;
    }

    /// <summary>A <c>comm_close</c> from the front end.</summary>
    internal static void HandleClose(string commId, CommMessage message)
    {
        if (Open.TryRemove(commId, out var comm))
        {
            comm.ClosedByFrontEnd(message);
        }
    }

    internal static void Forget(Comm comm) => Open.TryRemove(comm.Id, out _);

    internal static void Send(string messageType, JsonObject content, JsonObject? metadata, IReadOnlyList<byte[]>? buffers) =>
        _transport?.Send(messageType, content, metadata ?? [], buffers ?? []);
}
