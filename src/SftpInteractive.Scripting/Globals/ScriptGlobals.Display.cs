#pragma warning disable CA1822 // Script globals must be instance members: scripts reach them through the globals object.

namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Shows <paramref name="value"/> now (tables for listings, HTML in notebooks) and returns its display id,
    /// which <see cref="UpdateDisplay"/> can later replace in place. Outside a submission (no host display) the text
    /// goes to the writer the globals were created with.</summary>
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
            _output.WriteLine(Redactor.Redact(rendered.Text));
        }

        return id;
    }

    /// <summary>Replaces what <see cref="Display"/> showed under <paramref name="displayId"/> (progress, live counts).</summary>
    public void UpdateDisplay(object? value, string displayId)
    {
        var rendered = DisplayRenderer.Render(value, Formatters);
        if (Sink is { } sink)
        {
            sink.UpdateDisplay(rendered, displayId);
        }
        else
        {
            _output.WriteLine(Redactor.Redact(rendered.Text));
        }
    }

    /// <summary>Clears the notebook cell's output so far (as IPython's <c>clear_output</c>); with <paramref name="wait"/>,
    /// only when the next output arrives. Does nothing at the REPL prompt.</summary>
    public void ClearOutput(bool wait = false) => Sink?.ClearOutput(wait);

    /// <summary>The helper's verbs with one-line descriptions.</summary>
    public DisplayTable Help() => VerbCatalog.ToTable();
}
