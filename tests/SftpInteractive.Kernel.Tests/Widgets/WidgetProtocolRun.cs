using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests.Widgets;

/// <summary>One run of python/widget_scenarios.py protocol against the real kernel process (jupyter_client playing
/// the widget front end), shared by the assertions of <see cref="WidgetProtocolTests"/>.</summary>
public sealed class WidgetProtocolRun : IDisposable
{
    private readonly JupyterEnvironment? _jupyter;

    public WidgetProtocolRun()
    {
        try
        {
            _jupyter = JupyterEnvironment.Create("jsonschema");
        }
#pragma warning disable CA1031 // Assert.Skip inside Create: remember why, skip every test of the class with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SkipReason = e.Message;
            return;
        }

        var (code, stdout, stderr) = _jupyter.Run(JupyterEnvironment.Python,
            [Path.Combine(JupyterEnvironment.ScriptsDir, "widget_scenarios.py"), "protocol"], TimeSpan.FromMinutes(4));
        Log = stdout + stderr;
        if (code != 0)
        {
            Failure = $"widget_scenarios.py exited {code}: {stderr}";
            return;
        }

        Result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!.AsObject();
    }

    public JsonObject? Result { get; }

    public string? SkipReason { get; }

    public string? Failure { get; }

    public string Log { get; } = string.Empty;

    /// <summary>The scenario's result, or a skip/failure with the reason.</summary>
    public JsonObject Get()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        Assert.True(Failure is null, Failure + "\n" + Log);
        return Result!;
    }

    public void Dispose() => _jupyter?.Dispose();
}
