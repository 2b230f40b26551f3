namespace SftpInteractive.Scripting;

/// <summary>The helper's verbs with one-line descriptions, for <c>Help()</c>, <c>#help</c> and the kernel's banner.
/// A test checks that every public verb of <see cref="ScriptGlobals"/> is listed, so this cannot drift.</summary>
public static class VerbCatalog
{
    /// <summary>Verb usage and description, in the order a newcomer meets them.</summary>
    public static IReadOnlyList<(string Usage, string Description)> Verbs { get; } =
    [
        ("Connect() / Connect(host, user, password, port)", "connect from .env (or explicit settings); sets Session"),
        ("ConnectAsync(...)", "async Connect"),
        ("Session", "the current SftpSession (all async verbs, Client for raw SSH.NET)"),
        ("IsConnected", "true while the session is up"),
        ("Explain()", "where each connection setting came from (secrets masked)"),
        ("Reconnect() / ReconnectAsync()", "reconnect after a drop, keeping the working directory"),
        ("Disconnect()", "close the current session"),
        ("Pwd()", "current remote directory"),
        ("Cd(path)", "change the remote directory"),
        ("Ls(path) / LsAsync(path)", "list a directory as a table"),
        ("Stat(path) / LStat(path)", "details of a path (LStat: the link itself)"),
        ("Exists(path)", "true when the remote path exists"),
        ("ReadLink(path)", "target of a symbolic link"),
        ("Df(path)", "disk usage of the file system"),
        ("Mkdir(path)", "create a directory and its parents (mkdir -p)"),
        ("Rm(path)", "remove a file or link"),
        ("RmRecursive(path, dryRun)", "remove a tree (dryRun: only list)"),
        ("Mv(source, destination)", "move or rename"),
        ("Chmod(path, mode)", "change permissions (\"644\")"),
        ("Chown(path, uid, gid)", "change owner and group"),
        ("Symlink(target, link)", "create a symbolic link"),
        ("Get(remote, local) / GetAsync(...)", "download a file: atomic .part, resumable, verified, with progress"),
        ("Put(local, remote) / PutAsync(...)", "upload a file: atomic .part, resumable, verified, with progress"),
        ("PlanGet(remoteDir, localDir) / PlanPut(...)", "dry run of a recursive transfer: what would move, conflicts, skips"),
        ("GetDirectory(remoteDir, localDir) / GetDirectoryAsync(...)", "download a tree in parallel"),
        ("PutDirectory(localDir, remoteDir) / PutDirectoryAsync(...)", "upload a tree in parallel"),
        ("Find(root, pattern) / FindAsync(...)", "recursive search: glob, regex, type, size, time, depth"),
        ("SearchAndDownload(root, pattern, localDir, dryRun) / SearchAndDownloadAsync(...)", "find every match and download them all"),
        ("Head(path) / Tail(path)", "first / last lines of a remote text file"),
        ("ReadText(path)", "a remote text file's content (size-capped)"),
        ("Csv(path)", "header and first rows of a remote CSV as a table"),
        ("Run(command) / RunAsync(command)", "run a remote command: stdout, stderr, exit code"),
        ("Display(value) / UpdateDisplay(value, id)", "show a value now / replace it in place"),
        ("ClearOutput(wait)", "clear the notebook cell's output so far"),
        ("Markdown(text) / Html(text)", "show markdown / an HTML fragment (terminal: the text)"),
        ("Image(bytes or filePath)", "show a PNG, JPEG or GIF image (terminal: its type and size)"),
        ("Svg(text) / Json(objectOrText)", "show an SVG drawing / JSON as a tree (terminal: pretty-printed)"),
        ("Formatters (Register<T>(html, text), Clear())", "your own display for a type, in every host"),
        ("Help()", "this list"),
    ];

    /// <summary>The verbs as a two-column table.</summary>
    public static DisplayTable ToTable()
    {
        var table = new DisplayTable("SftpInteractive verbs (Ctrl+C cancels a running command)", "Verb", "What it does");
        foreach (var (usage, description) in Verbs)
        {
            table.AddRow(usage, description);
        }

        return table;
    }
}
