using System.Numerics;

namespace SftpInteractive.Widgets;

/// <summary>A progress bar of one number type (the base of <see cref="IntProgress"/> and <see cref="FloatProgress"/>).</summary>
/// <typeparam name="TNumber">The number type: <c>int</c> or <c>double</c>.</typeparam>
public abstract class ProgressBar<TNumber> : BoundedNumber<TNumber, TNumber>
    where TNumber : struct, INumber<TNumber>
{
    /// <summary>Creates the bar.</summary>
    /// <param name="modelName">The front end's model class.</param>
    /// <param name="value">The initial value.</param>
    /// <param name="min">The value of an empty bar.</param>
    /// <param name="max">The value of a full bar.</param>
    /// <param name="description">The label beside it.</param>
    protected ProgressBar(string modelName, TNumber value, TNumber min, TNumber max, string description)
        : base(modelName, "ProgressView", "ProgressStyleModel", value, min, max, description) => Define("bar_style", string.Empty);

    /// <summary><c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c> or empty.</summary>
    public string BarStyle { get => Get<string>("bar_style"); set => Set("bar_style", value); }
}
