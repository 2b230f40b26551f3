namespace SftpInteractive.Widgets;

/// <summary>A progress bar of numbers (ipywidgets' FloatProgress).</summary>
public sealed class FloatProgress : ProgressBar<double>
{
    /// <summary>Creates the bar.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The value of an empty bar.</param>
    /// <param name="max">The value of a full bar.</param>
    /// <param name="description">The label beside it.</param>
    public FloatProgress(double value = 0, double min = 0, double max = 100, string description = "")
        : base("FloatProgressModel", value, min, max, description)
    {
    }
}
