using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets.Comms;

/// <summary>
/// One Jupyter comm: a channel between an object in the session and its counterpart in the front end. Messages from the
/// front end arrive one at a time, in order, on the session's own queue (never while another callback or a cell runs);
/// sending is allowed from any thread.
/// </summary>
public sealed class Comm
{
    private volatile bool _open = true;

    internal Comm(string id, string targetName)
    {
        Id = id;
        TargetName = targetName;
    }

    /// <summary>The comm_id.</summary>
    public string Id { get; }

    /// <summary>The target the comm was opened for (<c>jupyter.widget</c> for widgets).</summary>
    public string TargetName { get; }

    /// <summary>False once either side closed it.</summary>
    public bool IsOpen => _open;

    /// <summary>Raised for each <c>comm_msg</c> from the front end.</summary>
    public event EventHandler<CommMessage>? MessageReceived;

    /// <summary>Raised once when the front end closes the comm (not when <see cref="Close"/> is called).</summary>
    public event EventHandler<CommMessage>? Closed;

    /// <summary>Sends <c>comm_msg</c> with <paramref name="data"/> and optional binary <paramref name="buffers"/>;
    /// does nothing once closed.</summary>
    public void Send(JsonObject data, IReadOnlyList<byte[]>? buffers = null, JsonObject? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_open)
        {
            CommHub.Send("comm_msg", new JsonObject { ["comm_id"] = Id, ["data"] = data }, metadata, buffers);
        }
    }

    /// <summary>Closes the comm on both sides (sends <c>comm_close</c>); later calls do nothing.</summary>
    public void Close(JsonObject? data = null)
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        CommHub.Forget(this);
        CommHub.Send("comm_close", new JsonObject { ["comm_id"] = Id, ["data"] = data ?? [] }, null, null);
    }

    /// <inheritdoc />
    public override string ToString() => $"Comm({TargetName}, {Id})";

    internal void Receive(CommMessage message) => MessageReceived?.Invoke(this, message);

    internal void ClosedByFrontEnd(CommMessage message)
    {
        if (_open)
        {
            _open = false;
            Closed?.Invoke(this, message);
        }
    }
}
