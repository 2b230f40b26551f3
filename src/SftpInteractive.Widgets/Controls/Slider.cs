using System.Numerics;

namespace SftpInteractive.Widgets;

/// <summary>A slider of one number type: the attributes <see cref="IntSlider"/>, <see cref="FloatSlider"/> and the
/// range sliders share.</summary>
/// <typeparam name="TNumber">The number type: <c>int</c> or <c>double</c>.</typeparam>
/// <typeparam name="TValue">The value's type: a number, or a pair of them for a range.</typeparam>
public abstract class Slider<TNumber, TValue> : BoundedNumber<TNumber, TValue>
    where TNumber : struct, INumber<TNumber>
{
    /// <summary>Creates the slider.</summary>
    /// <param name="modelName">The front end's model class.</param>
    /// <param name="viewName">The view class.</param>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="readoutFormat">The readout's format: <c>d</c> for whole numbers, <c>.2f</c> for others.</param>
    /// <param name="description">The label beside it.</param>
    protected Slider(string modelName, string viewName, TValue value, TNumber min, TNumber max, TNumber step, string readoutFormat, string description)
        : base(modelName, viewName, "SliderStyleModel", value, min, max, description)
    {
        Define("behavior", "drag-tap");
        Define("continuous_update", true);
        Define("disabled", false);
        Define("readout", true);
        Define("readout_format", readoutFormat);
        Define("step", step);
    }

    /// <summary>The step between values.</summary>
    public TNumber Step { get => Get<TNumber>("step"); set => Set("step", value); }

    /// <summary>False: the value changes only when the user lets go of the handle.</summary>
    public bool ContinuousUpdate { get => Get<bool>("continuous_update"); set => Set("continuous_update", value); }

    /// <summary>True: the user cannot move it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>The readout's format (Python format mini-language: <c>d</c>, <c>.2f</c>).</summary>
    public string ReadoutFormat { get => Get<string>("readout_format"); set => Set("readout_format", value); }
}
