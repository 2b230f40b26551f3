namespace SftpInteractive.Widgets;

/// <summary>A slider selecting a range of whole numbers (ipywidgets' IntRangeSlider).</summary>
public sealed class IntRangeSlider : RangeSlider<int>
{
    /// <summary>Creates the slider with the range (<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    /// <param name="lower">The initial lower end.</param>
    /// <param name="upper">The initial upper end.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="description">The label beside it.</param>
    public IntRangeSlider(int lower = 0, int upper = 1, int min = 0, int max = 100, int step = 1, string description = "")
        : base("IntRangeSliderModel", "IntRangeSliderView", (lower, upper), min, max, step, "d", description)
    {
    }
}
