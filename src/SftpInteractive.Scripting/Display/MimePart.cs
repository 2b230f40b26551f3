namespace SftpInteractive.Scripting;

/// <summary>One representation of a displayed value.</summary>
/// <param name="MimeType">For example <c>text/markdown</c>, <c>image/png</c>, <c>application/json</c>.</param>
/// <param name="Content">The text; base64 for binary types (<see cref="MimeTypes.IsBinary"/>); the JSON text for
/// JSON types (hosts that speak JSON embed it as a value).</param>
public sealed record MimePart(string MimeType, string Content);
