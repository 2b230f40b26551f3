namespace SftpInteractive.Widgets;

/// <summary>A slider of whole numbers (ipywidgets' IntSlider).</summary>
public sealed class IntSlider : Slider<int, int>
{
    /// <summary>Creates the slider.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="description">The label beside it.</param>
    public IntSlider(int value = 0, int min = 0, int max = 100, int step = 1, string description = "")
        : base("IntSliderModel", "IntSliderView", value, min, max, step, "d", description)
    {
    }
}
