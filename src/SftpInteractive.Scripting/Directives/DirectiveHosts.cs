namespace SftpInteractive.Scripting;

/// <summary>Which hosts handle a directive (<see cref="DirectiveRegistry"/>).</summary>
[Flags]
public enum DirectiveHosts
{
    /// <summary>No host.</summary>
    None = 0,

    /// <summary>The <c>sftpi</c> REPL, piped scripts and <c>sftpi run</c>.</summary>
    Repl = 1,

    /// <summary>The Jupyter kernel.</summary>
    Kernel = 2,

    /// <summary>Every host that runs the engine (<see cref="ScriptEngine"/>): the engine itself handles the directive.</summary>
    Engine = Repl | Kernel,
}
