namespace SftpInteractive.Widgets;

/// <summary>
/// Keeps an attribute of one widget equal to an attribute of another, in the session (as ipywidgets' <c>link</c>):
/// a change to either, by code or by the user, is copied to the other. The target takes the source's value at once.
/// </summary>
public sealed class Link : IDisposable
{
    private readonly Widget _source;
    private readonly string _sourceName;
    private readonly Widget _target;
    private readonly string _targetName;
    private bool _updating;

    /// <summary>Links <paramref name="source"/>'s <paramref name="sourceName"/> with <paramref name="target"/>'s
    /// <paramref name="targetName"/> (state names: <c>value</c>, <c>max</c>, <c>description</c>…).</summary>
    /// <param name="source">The widget whose value wins at first.</param>
    /// <param name="sourceName">Its attribute.</param>
    /// <param name="target">The other widget.</param>
    /// <param name="targetName">Its attribute (default: the same name).</param>
    /// <param name="twoWay">False: only source to target (ipywidgets' <c>dlink</c>).</param>
    public Link(Widget source, string sourceName, Widget target, string? targetName = null, bool twoWay = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        _source = source;
        _sourceName = sourceName;
        _target = target;
        _targetName = targetName ?? sourceName;
        _target.SetState(_targetName, _source.GetState(_sourceName));
        _source.Changed += OnSourceChanged;
        if (twoWay)
        {
            _target.Changed += OnTargetChanged;
        }
    }

    /// <summary>Stops copying.</summary>
    public void Dispose()
    {
        _source.Changed -= OnSourceChanged;
        _target.Changed -= OnTargetChanged;
    }

    private void OnSourceChanged(object? sender, WidgetChangedEventArgs e) => Copy(e, _sourceName, _target, _targetName);

    private void OnTargetChanged(object? sender, WidgetChangedEventArgs e) => Copy(e, _targetName, _source, _sourceName);

    private void Copy(WidgetChangedEventArgs e, string name, Widget to, string toName)
    {
        if (_updating || e.Name != name)
        {
            return;
        }

        _updating = true;
        try
        {
            to.SetState(toName, e.NewValue);
        }
        finally
        {
            _updating = false;
        }
    }
}
