using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SftpInteractive.Widgets;

/// <summary>
/// The control <see cref="Interact"/> picks for one argument, from its abbreviation (what the caller named for it) or
/// else its default value and type, by ipywidgets' <c>interact</c> rules: a whole number → an <see cref="IntSlider"/>
/// from −v to 3v (0 to 10 for 0), a number → a <see cref="FloatSlider"/> likewise, a bool → a <see cref="Checkbox"/>,
/// a string → a <see cref="Text"/>, an enum or a list of choices → a <see cref="Dropdown"/>, a (min, max) or (min, max,
/// step) tuple → a slider with those bounds (whole numbers if all three are), a widget → that widget.
/// </summary>
internal sealed record InteractControl(Widget Widget, Func<object?> Read, Action<Action> Subscribe)
{
    public static InteractControl For(ParameterInfo parameter, bool named, object? abbreviation)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var name = parameter.Name ?? string.Empty;
        var value = named ? abbreviation : parameter.HasDefaultValue ? parameter.DefaultValue : Default(type);
        var control = Pick(value, parameter, type, name);
        if (named && abbreviation is not SftpInteractive.Widgets.Widget && parameter.HasDefaultValue)
        {
            StartAt(control.Widget, parameter.DefaultValue);
        }

        return control;
    }

    /// <summary>ipywidgets' rule when both are given: the abbreviation makes the control, the function's default
    /// value (when the control can hold it) is where it starts.</summary>
    private static void StartAt(Widget widget, object? value)
    {
        switch (widget)
        {
            case IntSlider slider when value is int i && i >= slider.Min && i <= slider.Max:
                slider.Value = i;
                break;
            case FloatSlider slider when value is double or float or int && System.Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && d >= slider.Min && d <= slider.Max:
                slider.Value = d;
                break;
            case Dropdown dropdown when value?.ToString() is { } label && dropdown.Options.Contains(label):
                dropdown.Value = label;
                break;
        }
    }

    private static InteractControl Pick(object? value, ParameterInfo parameter, Type type, string name)
    {
        return value switch
        {
            Widget widget => FromWidget(widget, type),
            bool b => Of(new Checkbox(b, name), type),
            int i => Of(IntFor(i, name), type),
            long or short or byte or sbyte or ushort or uint => Of(IntFor(System.Convert.ToInt32(value, CultureInfo.InvariantCulture), name), type),
            double or float or decimal => Of(FloatFor(System.Convert.ToDouble(value, CultureInfo.InvariantCulture), name), type),
            string s => Of(new Text(s, description: name), type),
            Enum e => Choices(Enum.GetValues(e.GetType()).Cast<object?>().ToList(), e, name),
            ITuple tuple when tuple.Length is 2 or 3 => Bounded(tuple, name, type),
            IEnumerable choices => Choices(choices.Cast<object?>().ToList(), null, name),
            null => throw new ArgumentException($"Interact: no control for '{name}' ({parameter.ParameterType.Name}): give it a default value or name one for it.", nameof(parameter)),
            _ => throw new ArgumentException($"Interact: no control for '{name}' = {value} ({value.GetType().Name}).", nameof(parameter)),
        };
    }

    private static object? Default(Type type) =>
        type == typeof(string) ? string.Empty
        : type.IsEnum ? Enum.GetValues(type).Cast<object>().FirstOrDefault()
        : type.IsValueType ? Activator.CreateInstance(type)
        : null;

    /// <summary>ipywidgets' rule for a bare number v: from −v to 3v (0 to 10 for 0).</summary>
    private static IntSlider IntFor(int v, string name) =>
        v == 0 ? new IntSlider(0, 0, 10, 1, name) : new IntSlider(v, -Math.Abs(v), 3 * Math.Abs(v), 1, name);

    private static FloatSlider FloatFor(double v, string name) =>
        v == 0 ? new FloatSlider(0, 0, 1, 0.1, name) : new FloatSlider(v, -Math.Abs(v), 3 * Math.Abs(v), Math.Abs(v) / 10, name);

    private static InteractControl Bounded(ITuple tuple, string name, Type type)
    {
        var parts = Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToList();
        if (parts.All(p => p is int) && type != typeof(double) && type != typeof(float))
        {
            var (min, max, step) = ((int)parts[0]!, (int)parts[1]!, parts.Count == 3 ? (int)parts[2]! : 1);
            // ipywidgets starts a (min, max) slider in the middle, on a step.
            return Of(new IntSlider(min + ((max - min) / 2 / step * step), min, max, step, name), type);
        }

        var numbers = parts.Select(p => Convert.ToDouble(p, CultureInfo.InvariantCulture)).ToList();
        var (lo, hi) = (numbers[0], numbers[1]);
        var by = numbers.Count == 3 ? numbers[2] : (hi - lo) / 100;
        return Of(new FloatSlider(lo + (Math.Round((hi - lo) / 2 / by) * by), lo, hi, by, name), type);
    }

    private static InteractControl Choices(List<object?> choices, object? selected, string name)
    {
        var labels = choices.Select(c => c?.ToString() ?? "null").ToList();
        var dropdown = new Dropdown(labels, selected?.ToString() ?? labels.FirstOrDefault(), name);
        return new InteractControl(dropdown,
            () => dropdown.Index is int i && i < choices.Count ? choices[i] : null,
            h => dropdown.ValueChanged += (_, _) => h());
    }

    private static InteractControl FromWidget(Widget widget, Type type) => widget is SelectionWidget selection
        ? new(selection, () => selection.Value, h => selection.ValueChanged += (_, _) => h())
        : new(widget, () => widget.GetState("value") is { } node ? node.Deserialize(type) : null, h => widget.Observe("value", _ => h()));

    private static InteractControl Of<T>(ValueWidget<T> control, Type type) =>
        new(control, () => AsParameter(control.Value, type), h => control.ValueChanged += (_, _) => h());

    /// <summary>The control's value as the parameter's type (a slider's int for a long parameter, say).</summary>
    private static object? AsParameter(object? value, Type type) =>
        value is null || type.IsInstanceOfType(value) || type == typeof(object) ? value
        : value is IConvertible ? System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture)
        : value;
}
