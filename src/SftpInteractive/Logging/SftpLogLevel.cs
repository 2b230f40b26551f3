namespace SftpInteractive;

/// <summary>How much of the connection log (<c>SFTP_LOG</c>, <c>#log</c>) is shown: like <c>ssh -v</c>, <c>-vv</c>, <c>-vvv</c>.</summary>
public enum SftpLogLevel
{
    /// <summary>Nothing (the default).</summary>
    Off,

    /// <summary>Connection steps: target, hops, algorithms chosen, authentication result, retries.</summary>
    Info,

    /// <summary>Also SSH.NET's own log: algorithms offered by both sides, messages to and from the server, auth methods.</summary>
    Debug,

    /// <summary>Everything SSH.NET logs.</summary>
    Trace,
}
