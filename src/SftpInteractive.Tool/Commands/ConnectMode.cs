namespace SftpInteractive.Tool.Commands;

/// <summary>Whether the REPL connects at start-up.</summary>
internal enum ConnectMode
{
    /// <summary>Start unconnected (<c>--no-connect</c>).</summary>
    None,

    /// <summary>Connect when .env or the environment names a host; otherwise start unconnected quietly.</summary>
    IfConfigured,

    /// <summary>The user gave connection options: a failure is reported.</summary>
    Required,
}
