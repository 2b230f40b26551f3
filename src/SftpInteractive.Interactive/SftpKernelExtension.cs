using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace SftpInteractive.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the package's <c>interactive-extensions/dotnet/</c> after
/// <c>#r "nuget: SftpInteractive.Interactive"</c>: preloads the verbs (<see cref="SftpVerbs"/>) into every C# kernel,
/// and wraps each C# submission so the verbs find the engine's cancellation (Polyglot's stop button, Jupyter's
/// interrupt, see <see cref="JupyterInterrupt"/>), progress displays and input requests.
/// </summary>
public sealed class SftpKernelExtension : IKernelExtension
{
    /// <summary>The verbs' instance shared by the notebook's C# kernels (one session per notebook).</summary>
    internal SftpVerbs Verbs { get; } = new();

    /// <inheritdoc />
    public async Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        IEnumerable<CSharpKernel> kernels = kernel switch
        {
            CompositeKernel composite => composite.ChildKernels.OfType<CSharpKernel>(),
            CSharpKernel csharpKernel => [csharpKernel],
            _ => [],
        };
        foreach (var csharp in kernels)
        {
            await PreloadAsync(csharp).ConfigureAwait(false);
        }

        JupyterInterrupt.Install(kernel);
    }

    private async Task PreloadAsync(CSharpKernel csharp)
    {
        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SubmitCode)
            {
                await next(command, context).ConfigureAwait(false);
                return;
            }

            using var submission = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            using var running = JupyterInterrupt.Running(submission);
            using var current = new SubmissionContext { Token = submission.Token, Host = new EngineVerbHost(context, csharp.RootKernel) }.Enter();
            await next(command, context).ConfigureAwait(false);
        });

        await SubmitAsync(csharp, VerbPreamble.Reference(typeof(SftpVerbs))).ConfigureAwait(false);
        await csharp.SetValueAsync(VerbPreamble.VariableName, Verbs, typeof(SftpVerbs)).ConfigureAwait(false);
        await SubmitAsync(csharp, VerbPreamble.Generate(typeof(SftpVerbs))).ConfigureAwait(false);
    }

    private static async Task SubmitAsync(CSharpKernel csharp, string code)
    {
        var result = await csharp.SendAsync(new SubmitCode(code)).ConfigureAwait(false);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        {
            throw new InvalidOperationException("SftpInteractive could not preload its verbs: " + failed.Message);
        }
    }
}
