namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// One call of an instrumented method, lambda or cell on the logical call stack (an <see cref="AsyncLocal{T}"/>, so an
/// <c>async</c> method keeps its caller after an await and a callee's frames never leak back into the caller). It
/// holds the statement about to run and the values of its locals, so a stop shows every frame's locals.
/// </summary>
internal sealed class DebugFrame
{
    private const string MemberPrefix = "this.";

    private static readonly AsyncLocal<DebugFrame?> Top = new();

    private DebugFrame(int method, DebugFrame? parent)
    {
        Method = method;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The innermost frame of the current flow, or null outside instrumented code.</summary>
    public static DebugFrame? Current => Top.Value;

    /// <summary>The method's id in <see cref="DebugSites"/>.</summary>
    public int Method { get; }

    /// <summary>The caller's frame (null for a cell).</summary>
    public DebugFrame? Parent { get; }

    /// <summary>How many frames are below this one.</summary>
    public int Depth { get; }

    /// <summary>The statement about to run (-1 before the first).</summary>
    public int Statement { get; set; } = -1;

    /// <summary>The values of <see cref="Statement"/>'s locals, in the order of its names.</summary>
    public object?[]? Values { get; set; }

    public static DebugFrame Push(int method)
    {
        var frame = new DebugFrame(method, Top.Value);
        Top.Value = frame;
        return frame;
    }

    public static void Pop(DebugFrame? frame)
    {
        if (frame is not null && ReferenceEquals(Top.Value, frame))
        {
            Top.Value = frame.Parent;
        }
    }

    /// <summary>Runs outside every frame (an evaluation while stopped must not stop itself).</summary>
    public static IDisposable Detached()
    {
        var saved = Top.Value;
        Top.Value = null;
        return new Restore(saved);
    }

    /// <summary>This frame's locals (with <c>this</c>) as (name, value), in declaration order.</summary>
    public IReadOnlyList<(string Name, object? Value)> Locals() => [.. Scope().Where(l => !l.Name.StartsWith(MemberPrefix, StringComparison.Ordinal))];

    /// <summary>The fields and auto-properties of <c>this</c> its type declares, as (name, value), read by the
    /// instrumented code of the class itself (so private ones too).</summary>
    public IReadOnlyList<(string Name, object? Value)> Members() =>
        [.. Scope().Where(l => l.Name.StartsWith(MemberPrefix, StringComparison.Ordinal)).Select(l => (l.Name[MemberPrefix.Length..], l.Value))];

    /// <summary>Every value the statement passed: the locals, <c>this</c> and its members as <c>this.name</c>.</summary>
    public IReadOnlyList<(string Name, object? Value)> Scope()
    {
        if (DebugSites.Statement(Statement) is not { } site || Values is not { } values)
        {
            return [];
        }

        var locals = new List<(string, object?)>();
        for (var i = 0; i < site.Names.Length && i < values.Length; i++)
        {
            // A name declared again in an inner scope shadows the outer one: show the innermost.
            locals.RemoveAll(l => l.Item1 == site.Names[i]);
            locals.Add((site.Names[i], values[i]));
        }

        return locals;
    }

    private sealed class Restore(DebugFrame? saved) : IDisposable
    {
        public void Dispose() => Top.Value = saved;
    }
}
