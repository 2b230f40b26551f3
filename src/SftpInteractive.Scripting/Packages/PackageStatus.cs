namespace SftpInteractive.Scripting;

/// <summary>What a <c>#r "nuget: ..."</c> shows while it restores ("Restoring CsvHelper 34.0.0…") and when it is done
/// ("Installed CsvHelper 34.0.0 in 0.42 s"), as one display updated in place. Hosts that cannot redraw (a piped script)
/// show only the finished state.</summary>
/// <param name="Text">The status lines.</param>
/// <param name="Finished">False while restoring.</param>
public sealed record PackageStatus(string Text, bool Finished)
{
    /// <summary>The status as a display value.</summary>
    public RenderedValue Render() => new(Text, null, this);

    /// <inheritdoc />
    public override string ToString() => Text;
}
