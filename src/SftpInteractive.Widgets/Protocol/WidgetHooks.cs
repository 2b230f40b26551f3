namespace SftpInteractive.Widgets.Protocol;

/// <summary>What the scripting engine supplies so widgets can reach the session's output routing (which lives above
/// this library): capturing a flow's console and displays into an <see cref="Output"/>.</summary>
internal static class WidgetHooks
{
    /// <summary>Routes the calling flow's output into the widget until disposed.</summary>
    public static Func<Output, IDisposable>? Capture { get; set; }

    /// <summary>Shows a value where the calling flow's displays go (the notebook's display pipeline).</summary>
    public static Action<object?>? Display { get; set; }
}
