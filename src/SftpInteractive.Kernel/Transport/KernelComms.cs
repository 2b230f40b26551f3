using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Kernel.Transport;

/// <summary>
/// The comm transport of the kernel: comm_open, comm_msg and comm_close go out on iopub, parented to the request being
/// handled in this flow (the cell that created a widget, or the comm_msg whose callback changed it), as ipykernel does.
/// </summary>
internal sealed class KernelComms(KernelOutput output) : ICommTransport
{
    private static readonly AsyncLocal<JupyterMessage?> CurrentParent = new();

    /// <summary>Makes <paramref name="parent"/> the parent of comm messages sent by this flow until disposed.</summary>
    public static IDisposable Parent(JupyterMessage parent)
    {
        var previous = CurrentParent.Value;
        CurrentParent.Value = parent;
        return new Scope(previous);
    }

    public void Send(string messageType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers) =>
        output.Publish(CurrentParent.Value, messageType, content, metadata, buffers);

    private sealed class Scope(JupyterMessage? previous) : IDisposable
    {
        public void Dispose() => CurrentParent.Value = previous;
    }
}
