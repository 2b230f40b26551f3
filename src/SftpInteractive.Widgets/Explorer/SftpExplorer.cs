using System.Globalization;
using System.Net;

namespace SftpInteractive.Widgets;

/// <summary>
/// The SFTP explorer <c>Explore("/data")</c> shows: a path bar, the folder's entries (name, type, size, modified) to
/// open or select, a preview of the selected file (first lines, a CSV as a table) read without downloading it, a find
/// box whose matches stream in, and Download / Upload with a live progress bar and Cancel. Everything goes through the
/// session's own verbs, so host keys, reconnects and secret redaction are those of typed cells (every string of its state is
/// redacted where it leaves the kernel, KernelOutput); long work (find,
/// transfers) runs in the background so Cancel is heard while it runs.
/// </summary>
public sealed partial class SftpExplorer : Box
{
    private const int PreviewLines = 20;
    private readonly SftpSession _session;
    private readonly string _localFolder;
    private readonly Lock _gate = new();
    private RemoteListing? _listing;
    private CancellationTokenSource? _work;

    /// <summary>Opens the explorer on <paramref name="path"/>.</summary>
    /// <param name="session">The session every action goes through.</param>
    /// <param name="path">The folder to show first.</param>
    /// <param name="localFolder">Where Download saves files.</param>
    /// <exception cref="SftpInteractiveException">The folder cannot be listed.</exception>
    public SftpExplorer(SftpSession session, string path = ".", string localFolder = ".")
        : base("VBoxModel", "VBoxView", [])
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _localFolder = localFolder;
        PathBox = new Text(description: "Path"); // synced as typed; Enter opens it
        PathBox.Layout.Width = "60%";
        UpButton = new Button("Up", "arrow-up");
        Entries = new Select(rows: 12);
        Entries.Layout.Width = "100%";
        Preview = new HtmlWidget();
        Preview.Layout.MaxHeight = "24em";
        Preview.Layout.Overflow = "auto";
        FindBox = new Text(placeholder: "glob, e.g. *.csv", description: "Find");
        FindButton = new Button("Find", "search");
        Matches = new Select(rows: 6);
        Matches.Layout.Width = "100%";
        DownloadButton = new Button("Download", "download") { Disabled = true };
        Upload = new FileUpload(description: "Upload");
        CancelButton = new Button("Cancel", "stop") { Disabled = true, ButtonStyle = "warning" };
        Progress = new FloatProgress(0, 0, 1);
        Status = new Label();
        Children =
        [
            new HBox(PathBox, UpButton),
            new HBox(new VBox(Entries) { Layout = { Width = "45%" } }, new VBox(Preview) { Layout = { Width = "55%" } }),
            new HBox(FindBox, FindButton),
            Matches,
            new HBox(DownloadButton, Upload, CancelButton, Progress),
            Status,
        ];

        PathBox.OnSubmit(box => Navigate(box.Value));
        UpButton.OnClick(_ => Navigate(RemoteParent(CurrentPath)));
        Entries.OnValue(_ => OnEntrySelected());
        Matches.OnValue(m => OnMatchSelected(m));
        FindButton.OnClick(_ => StartFind());
        DownloadButton.OnClick(_ => StartDownload());
        CancelButton.OnClick(_ => Cancel());
        Upload.Uploaded += (_, files) => StartUpload(files);
        Navigate(path);
    }

    /// <summary>The folder shown.</summary>
    public string CurrentPath { get; private set; } = ".";

    /// <summary>The remote file selected (in the entries or the find matches), or null.</summary>
    public string? SelectedFile { get; private set; }

    /// <summary>The last finished transfer, or null.</summary>
    public TransferResult? LastDownload { get; private set; }

    /// <summary>The path bar: Enter opens the path typed in it.</summary>
    public Text PathBox { get; }

    /// <summary>Goes to the parent folder.</summary>
    public Button UpButton { get; }

    /// <summary>The folder's entries; selecting a folder opens it, selecting a file previews it.</summary>
    public Select Entries { get; }

    /// <summary>The selected file's first lines, or its CSV table.</summary>
    public HtmlWidget Preview { get; }

    /// <summary>The find pattern.</summary>
    public Text FindBox { get; }

    /// <summary>Starts a find below the current folder.</summary>
    public Button FindButton { get; }

    /// <summary>Find's matches as they stream in.</summary>
    public Select Matches { get; }

    /// <summary>Downloads the selected file into the local folder.</summary>
    public Button DownloadButton { get; }

    /// <summary>Uploads files into the current folder.</summary>
    public FileUpload Upload { get; }

    /// <summary>Stops the running find or transfer.</summary>
    public Button CancelButton { get; }

    /// <summary>The running transfer's progress (0–1).</summary>
    public FloatProgress Progress { get; }

    /// <summary>What happened last (errors included).</summary>
    public Label Status { get; }

    /// <summary>The background work running now (find, download, upload), or a completed task.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Shows <paramref name="path"/>'s entries.</summary>
    public void Navigate(string path)
    {
        try
        {
            var listing = _session.Ls(string.IsNullOrWhiteSpace(path) ? "." : path);
            _listing = listing;
            CurrentPath = listing.Path;
            PathBox.Value = listing.Path;
            SelectedFile = null;
            DownloadButton.Disabled = true;
            Preview.Value = string.Empty;
            Entries.Options = [.. listing.OrderBy(e => !e.IsDirectory).ThenBy(e => e.Name, StringComparer.Ordinal).Select(EntryLabel)];
            Entries.Index = null;
            Status.Value = $"{listing.Path}: {Format.Count(listing.Directories.Count(), "folder")}, {Format.Count(listing.Files.Count(), "file")}";
        }
        catch (SftpInteractiveException e)
        {
            Status.Value = e.Message;
            PathBox.Value = CurrentPath;
        }
    }

    /// <inheritdoc />
    protected override string Describe() => $"{CurrentPath}, {Format.Count(_listing?.Count ?? 0, "entry", "entries")}";

    internal override string FallbackText() =>
        $"Explore needs a front end with Jupyter widgets (JupyterLab 4, Notebook 7, VS Code); here is {CurrentPath} as a table:\n" +
        (_listing?.ToText() ?? Status.Value);

    internal override string? FallbackHtml() =>
        $"<p>Explore needs a front end with Jupyter widgets (JupyterLab 4, Notebook 7, VS Code); here is <code>{WebUtility.HtmlEncode(CurrentPath)}</code> as a table.</p>" +
        (_listing?.ToHtml() ?? string.Empty);

    private static string EntryLabel(RemoteEntry e) => e.IsDirectory
        ? $"{e.Name}/  —  folder, modified {e.ModifiedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}"
        : $"{e.Name}  —  {(e.IsFile ? "file" : e.Type.ToString().ToLowerInvariant())}, {Format.Bytes(e.Size)}, modified {e.ModifiedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>The first lines as preformatted text, or a note for a binary file (NUL bytes or undecodable text),
    /// which would only show noise.</summary>
    private static string TextPreview(string path, IReadOnlyList<string> lines)
    {
        var text = string.Join('\n', lines);
        var noise = text.Count(c => c == '\0' || c == '\uFFFD' || (char.IsControl(c) && c is not '\t' and not '\r' and not '\n'));
        return text.Contains('\0', StringComparison.Ordinal) || noise * 20 > text.Length
            ? $"<p><code>{WebUtility.HtmlEncode(path)}</code> looks binary: no preview. Download it to look inside.</p>"
            : "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";
    }

    private static string RemoteParent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var cut = trimmed.LastIndexOf('/');
        return cut <= 0 ? "/" : trimmed[..cut];
    }

    private RemoteEntry? SelectedEntry()
    {
        if (_listing is null || Entries.Value is not { } label)
        {
            return null;
        }

        return _listing.FirstOrDefault(e => EntryLabel(e) == label);
    }

    private void OnEntrySelected()
    {
        if (SelectedEntry() is not { } entry)
        {
            return;
        }

        if (entry.IsDirectory)
        {
            Navigate(entry.Path);
            return;
        }

        ShowFile(entry.Path, entry.Size);
    }

    private void OnMatchSelected(string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            ShowFile(path, null);
        }
    }

    private void ShowFile(string path, long? size)
    {
        SelectedFile = path;
        DownloadButton.Disabled = false;
        try
        {
            Preview.Value = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? _session.Csv(path, PreviewLines).ToHtml()
                : TextPreview(path, _session.Head(path, PreviewLines));
            Status.Value = size is { } s ? $"{path}: {Format.Bytes(s)}" : path;
        }
        catch (SftpInteractiveException e)
        {
            Preview.Value = string.Empty;
            Status.Value = e.Message;
        }
    }
}
