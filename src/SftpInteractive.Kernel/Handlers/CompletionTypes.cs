namespace SftpInteractive.Kernel.Handlers;

/// <summary>Our completion kinds (Roslyn's tags, remote paths) as the type names Jupyter front ends draw icons for in
/// <c>_jupyter_types_experimental</c> (IPython's names, which JupyterLab and VS Code map to their icons).</summary>
internal static class CompletionTypes
{
    public static string ToJupyter(string kind) => kind switch
    {
        "method" or "extensionmethod" or "delegate" or "operator" => "function",
        "property" or "field" or "event" or "enummember" => "property",
        "constant" => "constant",
        "local" or "parameter" or "rangevariable" => "variable",
        "class" or "structure" or "interface" or "enum" or "record" or "recordstruct" or "typeparameter" => "class",
        "keyword" => "keyword",
        "namespace" => "module",
        "remote-file" or "remote-directory" => "path",
        "snippet" => "snippet",
        _ => "text",
    };
}
