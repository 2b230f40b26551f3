namespace SftpInteractive.Widgets;

/// <summary>A slider selecting a range of numbers (ipywidgets' FloatRangeSlider).</summary>
public sealed class FloatRangeSlider : RangeSlider<double>
{
    /// <summary>Creates the slider with the range (<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    /// <param name="lower">The initial lower end.</param>
    /// <param name="upper">The initial upper end.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="description">The label beside it.</param>
    public FloatRangeSlider(double lower = 0.0, double upper = 1.0, double min = 0.0, double max = 100.0, double step = 0.1, string description = "")
        : base("FloatRangeSliderModel", "FloatRangeSliderView", (lower, upper), min, max, step, ".2f", description)
    {
    }
}
