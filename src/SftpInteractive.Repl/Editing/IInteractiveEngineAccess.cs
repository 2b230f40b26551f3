using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>The engine as the line editor sees it while the real engine may still be warming up in the background:
/// each call waits for the engine to exist.</summary>
internal interface IInteractiveEngineAccess
{
    Task<bool> IsCompleteAsync(string code, CancellationToken cancellationToken);

    Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken);

    Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken);
}
