using System.Diagnostics;
using System.Globalization;

namespace SftpInteractive.Scripting;

/// <summary><c>#!time</c>: runs the rest of the cell, then shows its wall time as the engine printed it
/// (<c>Wall time: 1242.8061ms</c>, <c>text/plain</c>). The cell's value is still its result; the engine showed the
/// time after the value, here it comes just before it.</summary>
internal sealed class TimeMagic : Magic
{
    public override string Name => "#!time";

    public override string Description => "Measure the wall time of the rest of the cell";

    public override MagicKind Kind => MagicKind.Prefix;

    public override async Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = await context.RunCell(body, cancellationToken).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        if (result is not SubmissionResult.Cancelled)
        {
            var text = "Wall time: " + elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
            context.Display.Display(new RenderedValue(text, null, elapsed));
        }

        return result;
    }
}
