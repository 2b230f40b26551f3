using System.Text.Json.Nodes;
using SftpInteractive.Widgets;
using SftpInteractive.Widgets.Comms;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Scripting;

/// <summary>A widget as a MIME bundle: the <c>application/vnd.jupyter.widget-view+json</c> view (its comm is opened
/// first, and the widget held while the output may show it, when a front end is attached) beside a <c>text/plain</c> (and, for some widgets, HTML) fallback that front ends
/// without widgets, the REPL and exported notebooks show.</summary>
internal static class WidgetDisplay
{
    public static RenderedValue Render(Widget widget)
    {
        if (CommHub.HasFrontEnd)
        {
            widget.OpenForDisplay();
        }

        var view = new JsonObject { ["version_major"] = 2, ["version_minor"] = 0, ["model_id"] = widget.ModelId };
        return new RenderedValue(widget.FallbackText(), widget.FallbackHtml(), widget)
        {
            Parts = [new MimePart(WidgetProtocol.ViewMimeType, view.ToJsonString())],
        };
    }
}
