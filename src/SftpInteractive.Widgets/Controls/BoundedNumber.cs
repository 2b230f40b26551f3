using System.Numerics;

namespace SftpInteractive.Widgets;

/// <summary>A control whose value lies between a <see cref="Min"/> and a <see cref="Max"/> of one number type (the
/// base of the sliders and progress bars, as ipywidgets' bounded number models).</summary>
/// <typeparam name="TNumber">The number type: <c>int</c> or <c>double</c>.</typeparam>
/// <typeparam name="TValue">The value's type: a number, or a pair of them for a range.</typeparam>
public abstract class BoundedNumber<TNumber, TValue> : ValueWidget<TValue>
    where TNumber : struct, INumber<TNumber>
{
    /// <summary>Creates the control.</summary>
    /// <param name="modelName">The front end's model class.</param>
    /// <param name="viewName">The view class.</param>
    /// <param name="styleModel">The style's model class.</param>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="description">The label beside it.</param>
    protected BoundedNumber(string modelName, string viewName, string styleModel, TValue value, TNumber min, TNumber max, string description)
        : base(modelName, viewName, styleModel, value)
    {
        Define("max", max);
        Define("min", min);
        Define("orientation", "horizontal");
        Description = description;
    }

    /// <summary>The smallest value.</summary>
    public TNumber Min { get => Get<TNumber>("min"); set => Set("min", value); }

    /// <summary>The largest value.</summary>
    public TNumber Max { get => Get<TNumber>("max"); set => Set("max", value); }

    /// <summary><c>horizontal</c> or <c>vertical</c>.</summary>
    public string Orientation { get => Get<string>("orientation"); set => Set("orientation", value); }
}
