using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Execution;

/// <summary>The fields of an execute_request content, with the protocol's defaults.</summary>
internal sealed record ExecuteOptions(string Code, bool Silent, bool StoreHistory, bool AllowStdin, bool StopOnError)
{
    public static ExecuteOptions From(JupyterMessage request)
    {
        var silent = request.ContentBool("silent", false);
        return new ExecuteOptions(
            request.ContentString("code"),
            silent,
            // silent forces store_history off (messaging spec).
            !silent && request.ContentBool("store_history", true),
            request.ContentBool("allow_stdin", true),
            request.ContentBool("stop_on_error", true));
    }
}
