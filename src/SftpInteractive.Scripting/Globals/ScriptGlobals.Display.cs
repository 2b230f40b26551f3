#pragma warning disable CA1822 // Script globals must be instance members: scripts reach them through the globals object.

namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Shows <paramref name="value"/> now (tables for listings, HTML in notebooks) and returns its display id,
    /// which <see cref="UpdateDisplay"/> can later replace in place. Outside a submission (no host display) the text
    /// goes to the writer the globals were created with.</summary>
    [Verb(VerbGroup.Display, "show a value now; returns its display id", Instant = true)]
    public string Display(object? value, string? displayId = null)
    {
        var id = displayId ?? Guid.NewGuid().ToString("N");
        var rendered = DisplayRenderer.Render(value, Formatters);
        if (Sink is { } sink)
        {
            sink.Display(rendered, id);
        }
        else
        {
            _output.WriteLine(rendered.Text); // DisplayRenderer.Render has redacted it
        }

        return id;
    }

    /// <summary>Shows <paramref name="value"/> now with every row, whatever <see cref="DisplayOptions.MaxRows"/> says (a
    /// long listing, search result or sequence otherwise shows its first and last rows); returns its display id.</summary>
    [Verb(VerbGroup.Display, "show a value now with all its rows (DisplayOptions.MaxRows aside)", Instant = true)]
    public string DisplayAll(object? value)
    {
        using (DisplayOptions.Use(int.MaxValue))
        {
            return Display(value);
        }
    }

    /// <summary>Replaces what <see cref="Display"/> showed under <paramref name="displayId"/> (progress, live counts).</summary>
    [Verb(VerbGroup.Display, "replace a shown value in place", Instant = true)]
    public void UpdateDisplay(object? value, string displayId)
    {
        var rendered = DisplayRenderer.Render(value, Formatters);
        if (Sink is { } sink)
        {
            sink.UpdateDisplay(rendered, displayId);
        }
        else
        {
            _output.WriteLine(rendered.Text);
        }
    }

    /// <summary>Clears the notebook cell's output so far (as IPython's <c>clear_output</c>); with <paramref name="wait"/>,
    /// only when the next output arrives. Does nothing at the REPL prompt.</summary>
    [Verb(VerbGroup.Display, "clear the notebook cell's output so far", Instant = true)]
    public void ClearOutput(bool wait = false) => Sink?.ClearOutput(wait);
}
