using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace SftpInteractive.Interactive;

/// <summary>Transfer progress as one engine display: <c>Display()</c> returns its handle, later states replace it
/// (<see cref="DisplayedValueUpdated"/>, Jupyter's <c>update_display_data</c>). Updates are published on the
/// submission's context directly, because transfer threads do not carry the engine's ambient context.</summary>
internal sealed class EngineProgressDisplay(KernelInvocationContext context) : InPlaceProgressDisplay
{
    private DisplayedValue? _displayed;

    protected override void Show(TransferProgress value, bool first)
    {
        if (context.IsComplete)
        {
            return;
        }

        if (first || _displayed is null)
        {
            _displayed = context.Display(value, EngineVerbHost.MimeTypes);
            return;
        }

        var formatted = FormattedValue.CreateManyFromObject(value, EngineVerbHost.MimeTypes);
        context.Publish(new DisplayedValueUpdated(value, _displayed.DisplayId, context.Command, formatted));
    }
}
