using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets;

/// <summary>A slider selecting a range (<c>Lower</c>, <c>Upper</c>) of one number type, sent as a two-item array.</summary>
/// <typeparam name="TNumber">The number type: <c>int</c> or <c>double</c>.</typeparam>
public abstract class RangeSlider<TNumber> : Slider<TNumber, (TNumber Lower, TNumber Upper)>
    where TNumber : struct, INumber<TNumber>
{
    /// <summary>Creates the slider.</summary>
    /// <param name="modelName">The front end's model class.</param>
    /// <param name="viewName">The view class.</param>
    /// <param name="value">The initial range.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <param name="step">The step between values.</param>
    /// <param name="readoutFormat">The readout's format.</param>
    /// <param name="description">The label beside it.</param>
    protected RangeSlider(string modelName, string viewName, (TNumber Lower, TNumber Upper) value, TNumber min, TNumber max, TNumber step, string readoutFormat, string description)
        : base(modelName, viewName, value, min, max, step, readoutFormat, description)
    {
    }

    /// <inheritdoc />
    protected override object? ToJson((TNumber Lower, TNumber Upper) value) => new[] { value.Lower, value.Upper };

    /// <inheritdoc />
    protected override (TNumber Lower, TNumber Upper) FromJson(JsonNode? node) =>
        node is JsonArray { Count: 2 } pair ? (pair[0].Deserialize<TNumber>(), pair[1].Deserialize<TNumber>()) : default;
}
