namespace SftpInteractive.Scripting;

// Editor services beyond completion and inspection: highlighting.
public sealed partial class ScriptEngine
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _workspace.ClassifyAsync(code, cancellationToken);
    }
}
