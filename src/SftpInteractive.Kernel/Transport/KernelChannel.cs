namespace SftpInteractive.Kernel.Transport;

/// <summary>The kernel's message sockets (the heartbeat runs apart).</summary>
internal enum KernelChannel
{
    /// <summary>Requests from front ends (execute, complete, inspect…).</summary>
    Shell,

    /// <summary>Priority requests: interrupt, shutdown, kernel_info.</summary>
    Control,

    /// <summary>input_request to the front end and its input_reply.</summary>
    Stdin,

    /// <summary>Broadcast of status and outputs.</summary>
    IoPub,
}
