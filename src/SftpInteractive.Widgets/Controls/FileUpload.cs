using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets;

/// <summary>A button that lets the user pick files whose bytes arrive in the session (ipywidgets' FileUpload).</summary>
public sealed class FileUpload : DescriptionWidget
{
    private readonly Dictionary<int, byte[]> _contents = [];
    private IReadOnlyList<UploadedFile> _files = [];

    /// <summary>Creates the upload button.</summary>
    /// <param name="accept">File types to accept (<c>.csv,text/plain</c>), empty for all.</param>
    /// <param name="multiple">True: several files at once.</param>
    /// <param name="description">Its caption.</param>
    public FileUpload(string accept = "", bool multiple = false, string description = "Upload")
        : base("FileUploadModel", "FileUploadView", "ButtonStyleModel")
    {
        Define("accept", accept);
        Define("button_style", string.Empty);
        Define("disabled", false);
        Define("error", string.Empty);
        Define("icon", "upload");
        Define("multiple", multiple);
        Define("value", new JsonArray(), echo: false); // ipywidgets does not echo the files back either
        Description = description;
    }

    /// <summary>Raised when the user has chosen files (their contents are in <see cref="Files"/>).</summary>
    public event EventHandler<IReadOnlyList<UploadedFile>>? Uploaded;

    /// <summary>The files chosen last.</summary>
    public IReadOnlyList<UploadedFile> Files => _files;

    /// <summary>True: the user cannot choose files.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>Forgets the chosen files (the button shows 0 again).</summary>
    public void Clear()
    {
        _files = [];
        Set("value", new JsonArray());
    }

    /// <inheritdoc />
    protected override string Describe() => Format.Count(_files.Count, "file");

    /// <inheritdoc />
    protected override void OnNestedBuffer(string path, byte[] data)
    {
        var parts = path.Split('/');
        if (parts is ["value", var index, "content"] && int.TryParse(index, out var i))
        {
            _contents[i] = data;
        }
    }

    /// <inheritdoc />
    protected override void OnChanged(WidgetChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name == "value" && change.FromFrontEnd && change.NewValue is JsonArray files)
        {
            _files = [.. files.Select((f, i) => new UploadedFile(
                f?["name"]?.GetValue<string>() ?? "upload",
                f?["type"]?.GetValue<string>() ?? string.Empty,
                f?["size"]?.GetValue<long>() ?? _contents.GetValueOrDefault(i)?.Length ?? 0,
                f?["last_modified"] is JsonValue ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms.GetValue<double>()) : default,
                _contents.GetValueOrDefault(i) ?? []))];
            _contents.Clear();
            base.OnChanged(change);
            Uploaded?.Invoke(this, _files);
            return;
        }

        base.OnChanged(change);
    }
}
