using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Formatting.TabularData;
using SftpInteractive.Scripting.Notebook;

#pragma warning disable CA1050 // In the global namespace on purpose, see the summary.

/// <summary>
/// .NET Interactive's display extension methods (<c>x.Display()</c>, <c>"# Hi".DisplayAs("text/markdown")</c>,
/// <c>rows.DisplayTable()</c>) shown by our display pipeline in every host. The engine's Formatting package declares
/// the same methods in namespace <c>System</c>; C# looks for extension methods in the global namespace before imported
/// namespaces, so cells bind to these and never to an ambiguity. Each returns the engine's <see cref="DisplayedValue"/>:
/// <c>Update(x)</c> replaces that output in place.
/// </summary>
public static class NotebookDisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> now (as a cell's result would be shown), or only as
    /// <paramref name="mimeTypes"/> (<c>"text/html"</c>, <c>"text/plain"</c>…) beside its text form.</summary>
    /// <returns>The displayed value; <c>Update(newValue)</c> replaces the output in place.</returns>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => NotebookDisplay.Show(value, mimeTypes);

    /// <summary>Shows <paramref name="value"/> as exactly <paramref name="mimeType"/> (<c>text/markdown</c>,
    /// <c>text/html</c>, <c>text/latex</c>…), without formatting it.</summary>
    /// <exception cref="ArgumentException"><paramref name="mimeType"/> is empty.</exception>
    public static DisplayedValue DisplayAs(this string value, string mimeType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        return NotebookDisplay.ShowAs(value, mimeType);
    }

    /// <summary>Shows a sequence as a table of its items' properties, as the engine's <c>DisplayTable</c> does (through
    /// a <see cref="TabularDataResource"/>: HTML table, CSV, and a text table in terminals).</summary>
    public static DisplayedValue DisplayTable<T>(this IEnumerable<T> value, params string[] mimeTypes) =>
        value is null ? NotebookDisplay.Show(null, mimeTypes) : NotebookDisplay.Show(value.ToTabularDataResource(), mimeTypes);
}
