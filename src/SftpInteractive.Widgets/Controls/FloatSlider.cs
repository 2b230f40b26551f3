namespace SftpInteractive.Widgets;

/// <summary>A slider of numbers (ipywidgets' FloatSlider).</summary>
public sealed class FloatSlider : Slider<double, double>
{
    /// <summary>Creates the slider.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="description">The label beside it.</param>
    public FloatSlider(double value = 0.0, double min = 0.0, double max = 100.0, double step = 0.1, string description = "")
        : base("FloatSliderModel", "FloatSliderView", value, min, max, step, ".2f", description)
    {
    }
}
