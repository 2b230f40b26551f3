namespace SftpInteractive.Scripting;

/// <summary>The files <c>sftpi run</c>, <c>sftpi convert</c> and <c>#!import</c> read and write.</summary>
public enum NotebookFormat
{
    /// <summary>A Jupyter notebook (<c>.ipynb</c>, nbformat 4): ours, or one saved by Polyglot Notebooks.</summary>
    Ipynb,

    /// <summary>A Polyglot Notebooks <c>.dib</c>: <c>#!meta</c> JSON, then cells each opened by <c>#!&lt;kernel&gt;</c>.</summary>
    Dib,

    /// <summary>A C# script (<c>.csx</c>): one script, split into cells as piped input is.</summary>
    Csx,

    /// <summary>A .NET 10 file-based app (<c>.cs</c>, <c>dotnet run app.cs</c>): <c>#:package</c> lines, top-level statements.</summary>
    FileApp,
}
