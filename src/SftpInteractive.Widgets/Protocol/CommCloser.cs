using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Widgets.Protocol;

/// <summary>
/// Closes an open widget's comm once the widget is collected, as xwidgets closes a widget's comm in its destructor.
/// Only its widget refers to it, so it becomes unreachable with the widget; the comm itself refers back to the widget
/// weakly. The finalizer only queues the close: sending happens on the thread pool, never on the finalizer thread.
/// </summary>
internal sealed class CommCloser(Comm comm, string modelId)
{
    ~CommCloser() => ThreadPool.QueueUserWorkItem(static state =>
    {
        var (comm, modelId) = ((Comm, string))state!;
        WidgetRegistry.Remove(modelId);
        comm.Close();
    }, (comm, modelId));
}
