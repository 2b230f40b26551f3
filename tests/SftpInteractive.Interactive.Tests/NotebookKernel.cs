using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using SftpInteractive.Interactive;

namespace SftpInteractive.Interactive.Tests;

/// <summary>A notebook's kernels in process — a <see cref="CompositeKernel"/> with the engine's <see cref="CSharpKernel"/> —
/// with our extension loaded through its <see cref="IKernelExtension"/>, as the engine does after <c>#r "nuget:"</c>
/// (and as dotnet/interactive's ClockExtensionTests do). Every event the kernels publish is kept.</summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly List<KernelEvent> _events = [];
    private readonly IDisposable _subscription;

    private NotebookKernel()
    {
        Kernel = new CompositeKernel { new CSharpKernel() };
        Kernel.DefaultKernelName = "csharp";
        _subscription = Kernel.KernelEvents.Subscribe(new Recorder(this));
    }

    public CompositeKernel Kernel { get; }

    /// <summary>Every event so far (a copy).</summary>
    public IReadOnlyList<KernelEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<NotebookKernel> StartAsync()
    {
        var notebook = new NotebookKernel();
        await new SftpKernelExtension().OnLoadAsync(notebook.Kernel);
        return notebook;
    }

    /// <summary>Answers the engine's input requests (the front end's input box) with <paramref name="answer"/>.</summary>
    public void AnswerInputs(Func<RequestInput, string> answer)
    {
        Kernel.RegisterCommandHandler<RequestInput>((request, context) =>
        {
            context.Publish(new InputProduced(answer(request), request));
            return Task.CompletedTask;
        });
        Kernel.SetDefaultTargetKernelNameForCommand(typeof(RequestInput), Kernel.Name);
    }

    public Task<KernelCommandResult> SubmitAsync(string code, CancellationToken cancellationToken = default) =>
        Kernel.SendAsync(new SubmitCode(code), cancellationToken);

    /// <summary>Submits a cell that must succeed; its events.</summary>
    public async Task<IReadOnlyList<KernelEvent>> RunAsync(string code)
    {
        var result = await SubmitAsync(code);
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"{code}\n-> {failed?.Message}");
        return result.Events;
    }

    /// <summary>The value the cell returned.</summary>
    public static object? Value(IEnumerable<KernelEvent> events) => events.OfType<ReturnValueProduced>().Single().Value;

    /// <summary>The formatted value of <paramref name="mimeType"/> the cell returned.</summary>
    public static string Returned(IEnumerable<KernelEvent> events, string mimeType) =>
        events.OfType<ReturnValueProduced>().Single().FormattedValues.Single(v => v.MimeType == mimeType).Value;

    /// <summary>Every text the events carry: formatted values, messages, diagnostics.</summary>
    public string AllText() => string.Join("\n", Events.Select(e => e switch
    {
        DisplayEvent d => string.Join("\n", d.FormattedValues.Select(v => v.Value)) + "\n" + d.Value,
        CommandFailed f => f.Message + "\n" + f.Exception,
        DiagnosticsProduced p => string.Join("\n", p.Diagnostics.Select(x => x.Message)),
        _ => e.ToString(),
    }));

    public void Dispose()
    {
        _subscription.Dispose();
        Kernel.Dispose();
    }

    private sealed class Recorder(NotebookKernel owner) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            lock (owner._events)
            {
                owner._events.Add(value);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
