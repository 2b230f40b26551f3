using System.Text;

namespace SftpInteractive.Scripting;

/// <summary>Reads and writes notebooks and scripts: <c>.ipynb</c>, <c>.dib</c>, <c>.csx</c> and .NET 10 file-based
/// apps (<c>.cs</c>), the format told by the extension.</summary>
public static class NotebookFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The format of <paramref name="path"/> from its extension.</summary>
    /// <exception cref="NotebookFileException">The extension is none of .ipynb, .dib, .csx, .cs.</exception>
    public static NotebookFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => NotebookFormat.Ipynb,
            ".dib" => NotebookFormat.Dib,
            ".csx" => NotebookFormat.Csx,
            ".cs" => NotebookFormat.FileApp,
            var other => throw new NotebookFileException(
                $"{path}: {(other.Length == 0 ? "no extension" : $"unknown extension {other}")}; expected .ipynb, .dib, .csx or .cs"),
        };
    }

    /// <summary>The format named <paramref name="name"/> (<c>ipynb</c>, <c>dib</c>, <c>csx</c>, <c>cs</c>; a leading dot
    /// is fine), as <c>--to</c> takes it.</summary>
    /// <exception cref="NotebookFileException">Not one of those names.</exception>
    public static NotebookFormat ParseFormat(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FormatOf("x." + name.TrimStart('.'));
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFileException">The file is missing, unreadable, of an unknown kind or malformed.</exception>
    public static NotebookDocument Load(string path, NotebookFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = format ?? FormatOf(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFileException(e is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file" : $"{path}: {e.Message}", e);
        }

        try
        {
            return Parse(text, kind);
        }
        catch (NotebookFileException e)
        {
            throw new NotebookFileException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a document from its text.</summary>
    /// <exception cref="NotebookFileException">The text is malformed for <paramref name="format"/>.</exception>
    public static NotebookDocument Parse(string text, NotebookFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        return format switch
        {
            NotebookFormat.Ipynb => IpynbFormat.Read(text),
            NotebookFormat.Dib => DibFormat.Read(text),
            NotebookFormat.Csx => CsxFormat.Read(text),
            _ => FileAppFormat.Read(text),
        };
    }

    /// <summary>The text of <paramref name="document"/> in <paramref name="format"/>.</summary>
    public static string Write(NotebookDocument document, NotebookFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        return format switch
        {
            NotebookFormat.Ipynb => IpynbFormat.Write(document),
            NotebookFormat.Dib => DibFormat.Write(document),
            NotebookFormat.Csx => CsxFormat.Write(document),
            _ => FileAppFormat.Write(document),
        };
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> (UTF-8, no byte order mark).</summary>
    /// <exception cref="NotebookFileException">The extension is unknown (without <paramref name="format"/>) or the file
    /// cannot be written.</exception>
    public static void Save(NotebookDocument document, string path, NotebookFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = Write(document, format ?? FormatOf(path));
        try
        {
            File.WriteAllText(path, text, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFileException($"{path}: cannot write ({e.Message})", e);
        }
    }
}
