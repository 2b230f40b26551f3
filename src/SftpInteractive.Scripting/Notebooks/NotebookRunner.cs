using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>
/// Runs a notebook's cells top to bottom in one engine session, headless (<c>sftpi run</c>): each code cell as the
/// kernel runs it, its outputs recorded into the document as a Jupyter client records them (the same MIME bundles,
/// execution counts, error outputs), and echoed to the terminal. Markdown and raw cells are skipped. The first failing
/// cell ends the run unless <see cref="AllowErrors"/>.
/// </summary>
public sealed class NotebookRunner
{
    private readonly IInteractiveEngine _engine;

    /// <summary>Creates a runner over <paramref name="engine"/> (its session is the notebook's).</summary>
    public NotebookRunner(IInteractiveEngine engine) => _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Run every cell even after one failed (papermill's <c>--allow-errors</c>).</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Where cells' standard output and displayed values are echoed as text (null: nowhere). The runner's output
    /// boundary (<see cref="RedactingWriter"/>) stands in front of it and of <see cref="Errors"/>.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Where cells' standard error and errors are echoed (null: nowhere).</summary>
    public TextWriter? Errors { get; init; }

    /// <summary>Runs <paramref name="document"/>, replacing its cells' outputs and execution counts.</summary>
    /// <returns>How many cells ran and failed, and whether the run was cancelled.</returns>
    public async Task<NotebookRunResult> RunAsync(NotebookDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var cell in document.Cells.Where(c => c.IsCode))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }

        using var output = Output is null ? null : new RedactingWriter(Output);
        using var errors = Errors is null ? null : new RedactingWriter(Errors);
        try
        {
            return await RunCellsAsync(document, output, errors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            output?.Drain();
            errors?.Drain();
        }
    }

    private async Task<NotebookRunResult> RunCellsAsync(NotebookDocument document, RedactingWriter? output, RedactingWriter? errors, CancellationToken cancellationToken)
    {
        int count = 0, failed = 0;
        for (var index = 0; index < document.Cells.Count; index++)
        {
            var cell = document.Cells[index];
            if (cell.ToSubmission() is not { } code)
            {
                continue;
            }

            cell.ExecutionCount = ++count;
            var sink = new NotebookOutputSink(cell.Outputs, output, errors);
            SubmissionResult result;
            using (new SubmissionContext { Token = cancellationToken, Label = SubmissionLabel.Cell(count) }.Enter())
            {
                result = await _engine.ExecuteAsync(code, sink, cancellationToken).ConfigureAwait(false);
            }

            switch (result)
            {
                case SubmissionResult.Success { HasValue: true } success:
                    var rendered = success.Rendered ?? DisplayRenderer.Render(success.Value);
                    sink.AddFinal(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = count,
                        ["data"] = JupyterOutput.MimeBundle(rendered),
                        ["metadata"] = new JsonObject(),
                    });
                    sink.Complete();
                    output?.WriteLine(rendered.Text);
                    break;
                case SubmissionResult.Failure failure:
                    sink.Complete();
                    sink.AddFinal(ErrorOutput(JupyterOutput.Error(failure)));
                    errors?.WriteLine($"Cell {index + 1} failed: {Describe(failure)}");
                    if (failure.Diagnostics.Count == 0)
                    {
                        // The same lines a notebook and the REPL show under the message: the user's frames (named
                        // "cell [N]" by execution count, as Jupyter numbers them), one line for the rest.
                        foreach (var line in failure.TraceLines)
                        {
                            errors?.WriteLine(line);
                        }
                    }

                    failed++;
                    break;
                case SubmissionResult.Cancelled cancelled:
                    sink.Complete();
                    sink.AddFinal(ErrorOutput(JupyterOutput.Error(cancelled)));
                    errors?.WriteLine($"Cell {index + 1} cancelled: {cancelled.Message}");
                    return new NotebookRunResult(count, failed, Cancelled: true);
                default:
                    sink.Complete();
                    break;
            }

            output?.Flush();
            if (failed > 0 && !AllowErrors)
            {
                break;
            }
        }

        return new NotebookRunResult(count, failed, Cancelled: false);
    }

    private static JsonObject ErrorOutput(JsonObject error)
    {
        error["output_type"] = "error";
        return error;
    }

    // One line, or the compiler's diagnostics with their positions in the cell.
    private static string Describe(SubmissionResult.Failure failure) =>
        failure.Diagnostics.Count == 0 ? failure.Message : string.Join("; ", failure.Diagnostics.Select(d => d.ToString()));
}
