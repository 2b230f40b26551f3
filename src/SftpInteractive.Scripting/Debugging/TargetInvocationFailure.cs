namespace SftpInteractive.Scripting.Debugging;

/// <summary>An evaluated expression threw <see cref="Exception.InnerException"/>.</summary>
internal sealed class TargetInvocationFailure : Exception
{
    public TargetInvocationFailure(Exception inner)
        : base($"{inner.GetType().Name}: {inner.Message}", inner)
    {
    }
}
