using System.Reflection;
using System.Runtime.ExceptionServices;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>
/// Builds controls for a function's arguments and reruns it whenever one changes (as ipywidgets' <c>interact</c>):
/// its printed output and its return value appear below the controls, replacing the previous run's.
/// </summary>
public static class Interact
{
    /// <summary>Runs <paramref name="function"/> with the value of <paramref name="control"/> now and on every change.</summary>
    /// <returns>The controls above an <see cref="Output"/>; display it (or return it from the cell).</returns>
    public static VBox Create<T1>(ValueWidget<T1> control, Func<T1, object?> function)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(function);
        return Build([control], () => function(control.Value), h => control.ValueChanged += (_, _) => h());
    }

    /// <summary>Runs <paramref name="function"/> with the values of two controls now and when either changes.</summary>
    /// <returns>The controls above an <see cref="Output"/>.</returns>
    public static VBox Create<T1, T2>(ValueWidget<T1> first, ValueWidget<T2> second, Func<T1, T2, object?> function)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(function);
        return Build([first, second], () => function(first.Value, second.Value), h =>
        {
            first.ValueChanged += (_, _) => h();
            second.ValueChanged += (_, _) => h();
        });
    }

    /// <summary>Runs <paramref name="function"/> with the values of three controls now and when any changes.</summary>
    /// <returns>The controls above an <see cref="Output"/>.</returns>
    public static VBox Create<T1, T2, T3>(ValueWidget<T1> first, ValueWidget<T2> second, ValueWidget<T3> third, Func<T1, T2, T3, object?> function)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        ArgumentNullException.ThrowIfNull(function);
        return Build([first, second, third], () => function(first.Value, second.Value, third.Value), h =>
        {
            first.ValueChanged += (_, _) => h();
            second.ValueChanged += (_, _) => h();
            third.ValueChanged += (_, _) => h();
        });
    }

    /// <summary>
    /// Builds a control for each of <paramref name="function"/>'s parameters and runs it now and whenever one changes,
    /// as ipywidgets' <c>interact</c>: the control comes from what <paramref name="abbreviations"/> names for the
    /// parameter, else from its default value, else from its type. A whole number becomes an <see cref="IntSlider"/>
    /// from −v to 3v (0 to 10 for 0), a number a <see cref="FloatSlider"/>, a bool a <see cref="Checkbox"/>, a string a
    /// <see cref="Text"/>, an enum or an array of choices a <see cref="Dropdown"/>, a <c>(min, max)</c> or
    /// <c>(min, max, step)</c> tuple a slider with those bounds, a widget that widget.
    /// </summary>
    /// <example><code>Interact.Create((int lines = 5, bool numbered = false) => ..., new { lines = (1, 20) })</code></example>
    /// <param name="function">A lambda or method; parameters with C# default values need no abbreviation.</param>
    /// <param name="abbreviations">An anonymous object or a dictionary from parameter names to abbreviations.</param>
    /// <returns>The controls above an <see cref="Output"/>.</returns>
    /// <exception cref="ArgumentException">A parameter has no control: give it a default value or an abbreviation.</exception>
    public static VBox Create(Delegate function, object? abbreviations = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var named = Abbreviations(abbreviations);
        var controls = function.Method.GetParameters()
            .Where(p => p.Position >= 0)
            .Select(p => InteractControl.For(p, named.TryGetValue(p.Name ?? string.Empty, out var a), a))
            .ToList();
        return Build([.. controls.Select(c => c.Widget)], () => Invoke(function, [.. controls.Select(c => c.Read())]), h =>
        {
            foreach (var control in controls)
            {
                control.Subscribe(h);
            }
        });
    }

    /// <summary>A slider for a whole number argument: ipywidgets' rule, from -value to 3 × value (0 to 10 for 0).</summary>
    public static IntSlider Slider(int value, string description = "") =>
        value == 0 ? new IntSlider(0, 0, 10, 1, description) : new IntSlider(value, -Math.Abs(value), 3 * Math.Abs(value), 1, description);

    private static Dictionary<string, object?> Abbreviations(object? abbreviations) => abbreviations switch
    {
        null => new(StringComparer.Ordinal),
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        _ => abbreviations.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(abbreviations), StringComparer.Ordinal),
    };

    /// <summary>Calls the function; the exception it throws is shown as itself, not as reflection's wrapper.</summary>
    private static object? Invoke(Delegate function, object?[] arguments)
    {
        try
        {
            return function.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    private static VBox Build(Widget[] controls, Func<object?> run, Action<Action> subscribe)
    {
        var output = new Output();
        void Rerun() => output.Run(() =>
        {
            output.ClearOutput();
            var result = run();
            if (result is not null)
            {
                if (WidgetHooks.Display is { } display)
                {
                    display(result);
                }
                else
                {
                    output.AppendStdout(result + Environment.NewLine);
                }
            }
        });

        subscribe(Rerun);
        Rerun();
        return new VBox([.. controls, output]);
    }
}
