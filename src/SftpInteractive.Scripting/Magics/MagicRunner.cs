namespace SftpInteractive.Scripting;

/// <summary>
/// Runs a cell split at its magics, part after part. A cell with a refused magic runs nothing and fails with one line
/// (as the engine checks every magic of a submission before running any of it). A C# part's value shows as a display
/// when more parts follow; the last part's result is the cell's. The first failing part ends the cell.
/// </summary>
internal static class MagicRunner
{
    public static async Task<SubmissionResult> RunAsync(MagicCell cell, MagicContext context, CancellationToken cancellationToken)
    {
        if (cell.Refused.Count > 0)
        {
            return ForeignMagics.Refuse(cell.Refused[0]);
        }

        SubmissionResult result = new SubmissionResult.Success(null, false, null);
        for (var i = 0; i < cell.Segments.Count; i++)
        {
            var segment = cell.Segments[i];
            result = segment.Magic is null
                ? await context.RunCSharp(segment.Body, cancellationToken).ConfigureAwait(false)
                : await segment.Magic.RunAsync(context, segment.Argument, segment.Body, cancellationToken).ConfigureAwait(false);
            if (result is not SubmissionResult.Success success)
            {
                return result;
            }

            if (i < cell.Segments.Count - 1 && success is { HasValue: true })
            {
                context.Display.Display(success.Rendered ?? DisplayRenderer.Render(success.Value, context.Formatters));
            }
        }

        return result;
    }
}
