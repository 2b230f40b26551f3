namespace SftpInteractive.Scripting;

// Slot for the transfer, find and preview verbs (Get, Put, Find, Head, Tail, SearchAndDownload…): they delegate to the
// SftpSession partials that land in core separately; add each verb here and to VerbCatalog together.
public partial class ScriptGlobals
{
}
