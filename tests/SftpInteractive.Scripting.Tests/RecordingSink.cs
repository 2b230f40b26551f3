using System.Text;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

/// <summary>A sink that records everything a submission shows.</summary>
public sealed class RecordingSink : IDisplaySink
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public TextWriter StandardOutput => _out;
    public TextWriter StandardError => _err;
    public List<(RenderedValue Value, string? Id)> Displays { get; } = [];
    public List<(RenderedValue Value, string Id)> Updates { get; } = [];
    public PromptHandler? Prompt { get; set; }
    public string Out => _out.ToString();
    public string Err => _err.ToString();

    public void Display(RenderedValue value, string? displayId = null) => Displays.Add((value, displayId));
    public void UpdateDisplay(RenderedValue value, string displayId) => Updates.Add((value, displayId));
}
