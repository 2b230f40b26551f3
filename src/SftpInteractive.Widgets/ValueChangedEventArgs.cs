namespace SftpInteractive.Widgets;

/// <summary>A widget's value changed.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="oldValue">The value before.</param>
/// <param name="newValue">The value now.</param>
/// <param name="fromFrontEnd">True when the user changed it in the front end.</param>
public sealed class ValueChangedEventArgs<T>(T oldValue, T newValue, bool fromFrontEnd) : EventArgs
{
    /// <summary>The value before the change.</summary>
    public T OldValue { get; } = oldValue;

    /// <summary>The value after the change.</summary>
    public T NewValue { get; } = newValue;

    /// <summary>True when the change came from the front end.</summary>
    public bool FromFrontEnd { get; } = fromFrontEnd;
}
