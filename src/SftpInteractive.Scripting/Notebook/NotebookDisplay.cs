using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;

namespace SftpInteractive.Scripting.Notebook;

/// <summary>
/// .NET Interactive's display API on our display pipeline. <c>display(x)</c>, <c>x.Display()</c>,
/// <c>DisplayAs</c> and <c>DisplayTable</c> render through <see cref="DisplayRenderer"/> and show on the running
/// submission's sink; they return the engine's own <see cref="DisplayedValue"/>, whose <c>Update(x)</c> raises
/// <c>Formatter</c>'s displayed-value event, which we subscribe to and turn into the sink's <c>UpdateDisplay</c>
/// (Jupyter <c>update_display_data</c>) under the same display id. A displayed value raised by library code through the
/// engine's own extension methods is shown with the formatted values it carries.
/// </summary>
internal static class NotebookDisplay
{
    private static readonly ConditionalWeakTable<DisplayedValue, Func<object?, RenderedValue>> Renderers = new();
    private static readonly Lock Gate = new();
    private static bool _subscribed;
    private static bool _engineFollows;

    /// <summary>Shows <paramref name="value"/> as <paramref name="mimeTypes"/> (none: everything the pipeline gives it).</summary>
    public static DisplayedValue Show(object? value, string[]? mimeTypes)
    {
        if (mimeTypes is { Length: > 0 })
        {
            return Show(value, v => Render(v, mimeTypes));
        }

        // As the engine's DisplayedValue: an update is shown in the MIME types of the first display, so a display that
        // began as text (a status line) stays text when a list replaces it.
        var first = Render(value, null);
        var kinds = first.Bundle.Select(p => p.MimeType).ToArray();
        return Show(value, v => ReferenceEquals(v, value) ? first : Render(v, kinds));
    }

    /// <summary>Shows <paramref name="text"/> as exactly <paramref name="mimeType"/> (plus a text form).</summary>
    public static DisplayedValue ShowAs(string text, string mimeType) =>
        Show(text, v => v is string s ? RenderAs(s, mimeType) : Render(v, [mimeType]));

    /// <summary>Shows <paramref name="value"/> with <paramref name="render"/>, now and at every <c>Update</c>.</summary>
    public static DisplayedValue Show(object? value, Func<object?, RenderedValue> render)
    {
        EnsureSubscribed();
        var rendered = render(value);
        var shown = new DisplayedValue(value, [new FormattedValue(MimeTypes.PlainText, rendered.Text)]);
        Renderers.AddOrUpdate(shown, render);
        Send(rendered, shown.DisplayId, update: false);
        return shown;
    }

    /// <summary>The bundle for <paramref name="value"/>; with <paramref name="mimeTypes"/>, only those (each from our
    /// pipeline, else from the real <c>Formatter</c>) beside the text form every bundle keeps.</summary>
    public static RenderedValue Render(object? value, string[]? mimeTypes)
    {
        var full = DisplayRenderer.Render(value, ScriptGlobals.CurrentFormatters);
        if (mimeTypes is null)
        {
            return full;
        }

        var parts = new List<MimePart>();
        foreach (var mimeType in mimeTypes.Where(m => m != MimeTypes.PlainText).Distinct(StringComparer.Ordinal))
        {
            if ((full[mimeType] ?? NotebookFormatting.TryFormat(value, mimeType)) is { } content)
            {
                parts.Add(new MimePart(mimeType, content));
            }
        }

        var html = parts.FirstOrDefault(p => p.MimeType == MimeTypes.Html)?.Content;
        return DisplayRenderer.Redacted(new RenderedValue(full.Text, html, value)
        {
            Parts = [.. parts.Where(p => p.MimeType != MimeTypes.Html)],
            UserFormatted = full.UserFormatted,
        });
    }

    /// <summary>Called by the extension loader just before .NET Interactive's <c>Kernel</c> type initializes: its
    /// static constructor subscribes a handler that prints every displayed value to the console when no engine command
    /// is running (always, here). Ours runs before it and mutes the console; the one added after it unmutes.</summary>
    public static void BeforeEngineKernel() => EnsureSubscribed();

    /// <summary>Called once the engine's <c>Kernel</c> type has initialized (see <see cref="BeforeEngineKernel"/>).</summary>
    public static void AfterEngineKernel()
    {
        lock (Gate)
        {
            if (_engineFollows)
            {
                return;
            }

            Formatter.SubscribeToDisplayedValues(_ => ConsoleRouter.Unmute());
            _engineFollows = true;
        }
    }

    private static void EnsureSubscribed()
    {
        lock (Gate)
        {
            if (!_subscribed)
            {
                Formatter.SubscribeToDisplayedValues(OnDisplayed);
                _subscribed = true;
            }
        }
    }

    private static void OnDisplayed(DisplayedValue shown)
    {
        var rendered = Renderers.TryGetValue(shown, out var render) ? render(shown.Value) : FromFormatted(shown);
        Send(rendered, shown.DisplayId, shown.IsUpdated);
        if (_engineFollows)
        {
            ConsoleRouter.Mute();
        }
    }

    private static void Send(RenderedValue rendered, string displayId, bool update)
    {
        if (ScriptGlobals.Sink is not { } sink)
        {
            // No submission is running (a timer after its cell ended): the text goes where the engine would write it.
            Console.Out.WriteLine(rendered.Text);
        }
        else if (update)
        {
            sink.UpdateDisplay(rendered, displayId);
        }
        else
        {
            sink.Display(rendered, displayId);
        }
    }

    private static RenderedValue RenderAs(string text, string mimeType) => DisplayRenderer.Redacted(mimeType switch
    {
        MimeTypes.PlainText => new RenderedValue(text, null, text),
        MimeTypes.Html => new RenderedValue(new HtmlContent(text).ToText(), text, text),
        _ => new RenderedValue(text, null, text) { Parts = [new MimePart(mimeType, text)] },
    });

    private static RenderedValue FromFormatted(DisplayedValue shown)
    {
        var values = shown.FormattedValues.Where(v => v.Value is not null && !v.SuppressDisplay).ToList();
        var text = values.FirstOrDefault(v => v.MimeType == MimeTypes.PlainText)?.Value ?? DisplayRenderer.Render(shown.Value).Text;
        var html = values.FirstOrDefault(v => v.MimeType == MimeTypes.Html)?.Value;
        return DisplayRenderer.Redacted(new RenderedValue(text, html, shown.Value)
        {
            Parts = [.. values.Where(v => v.MimeType is not MimeTypes.PlainText and not MimeTypes.Html).Select(v => new MimePart(v.MimeType, v.Value))],
        });
    }
}
