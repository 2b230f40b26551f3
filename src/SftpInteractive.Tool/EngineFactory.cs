using SftpInteractive.Scripting;

namespace SftpInteractive.Tool;

/// <summary>Creates the scripting engine every host of this tool runs cells with.</summary>
internal static class EngineFactory
{
    /// <summary>A Roslyn engine rooted at the working directory (Jupyter starts kernels in the notebook's folder).</summary>
    public static IInteractiveEngine Create() => new ScriptEngine();
}
