using SftpInteractive.Scripting;

namespace SftpInteractive.Tool;

/// <summary>Creates the scripting engine every host of this tool runs cells with.</summary>
internal static class EngineFactory
{
    /// <exception cref="NotSupportedException">Until the Roslyn engine lands.</exception>
    public static IInteractiveEngine Create() =>
        throw new NotSupportedException("The scripting engine is not part of this build yet.");
}
