namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>An explorer widget on <paramref name="path"/>: a path bar, the folder's entries to open or select, a
    /// preview of the selected file (first lines, a CSV as a table) without downloading it, a find box whose matches
    /// stream in, and Download / Upload with a live progress bar and Cancel. Where the front end has no widgets (the REPL,
    /// an exported notebook) it shows the folder's table and says why.</summary>
    /// <param name="path">The folder to show first.</param>
    /// <param name="localFolder">Where Download saves files.</param>
    /// <exception cref="SftpInteractiveException">Not connected, or the folder cannot be listed.</exception>
    [Verb(VerbGroup.Browse, "browse, preview, find, download and upload in a widget")]
    public Widgets.SftpExplorer Explore([RemotePath] string path = ".", string localFolder = ".") => new(Session, path, localFolder);

    /// <summary>Async <see cref="Explore"/>: the folder is listed (and the connection checked) before the widget is built.</summary>
    /// <exception cref="SftpInteractiveException">Not connected, or the folder cannot be listed.</exception>
    public async Task<Widgets.SftpExplorer> ExploreAsync([RemotePath] string path = ".", string localFolder = ".", CancellationToken cancellationToken = default)
    {
        var listing = await Session.LsAsync(path, cancellationToken).ConfigureAwait(false);
        return new(Session, listing.Path, localFolder);
    }
}
