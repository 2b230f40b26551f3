using System.CommandLine;
using SftpInteractive.Scripting;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi convert IN OUT [--to FORMAT]</c>: between <c>.ipynb</c>, <c>.dib</c>, <c>.csx</c> and a .NET 10
/// file-based app <c>.cs</c>; the formats come from the extensions. Exit code 2 for a bad file or format.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The notebook or script to read (.ipynb, .dib, .csx, .cs)" };
        var output = new Argument<string>("output") { Description = "The file to write; its extension names the format unless --to does" };
        var to = new Option<string?>("--to") { Description = "The output format: ipynb, dib, csx or cs", HelpName = "FORMAT" };
        var convert = new Command("convert", "Convert a notebook or script between .ipynb, .dib, .csx and a .NET 10 file-based app (.cs).")
        {
            input, output, to,
        };
        convert.SetAction(parse =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            try
            {
                var format = parse.GetValue(to) is { } name ? NotebookFiles.ParseFormat(name) : NotebookFiles.FormatOf(target);
                var document = NotebookFiles.Load(source);
                NotebookFiles.Save(document, target, format);
                parse.InvocationConfiguration.Output.WriteLine($"Wrote {target} ({document.Cells.Count} cells).");
                return 0;
            }
            catch (NotebookFileException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("sftpi convert: " + e.Message);
                return RunCommand.UsageError;
            }
        });
        return convert;
    }
}
