namespace SftpInteractive.Scripting;

/// <summary>Transfer progress as one display of the submission's sink, updated in place (the kernel's
/// <c>update_display_data</c>, the terminal's redrawn bar).</summary>
internal sealed class ProgressDisplay(IDisplaySink sink) : InPlaceProgressDisplay
{
    private readonly string _id = "sftpi-progress-" + Guid.NewGuid().ToString("N");

    protected override void Show(TransferProgress value, bool first)
    {
        var rendered = DisplayRenderer.Render(value);
        if (first)
        {
            sink.Display(rendered, _id);
        }
        else
        {
            sink.UpdateDisplay(rendered, _id);
        }
    }
}
