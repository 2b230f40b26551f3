namespace SftpInteractive.Widgets;

/// <summary>A progress bar of whole numbers (ipywidgets' IntProgress).</summary>
public sealed class IntProgress : ProgressBar<int>
{
    /// <summary>Creates the bar.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The value of an empty bar.</param>
    /// <param name="max">The value of a full bar.</param>
    /// <param name="description">The label beside it.</param>
    public IntProgress(int value = 0, int min = 0, int max = 100, string description = "")
        : base("IntProgressModel", value, min, max, description)
    {
    }
}
