using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// The engine's debugger: while attached, cells are instrumented (<see cref="DebugRewriter"/>) and their sequence
/// points come here. A stop blocks only the cell's own thread on a wait handle (the kernel's sockets and handlers run
/// on other threads) until the front end continues or steps, or the cell is interrupted.
/// </summary>
internal sealed class ScriptDebugger : IDisposable
{
    private static ScriptDebugger? s_active;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ManualResetEventSlim _resume = new(false);
    private readonly ConditionalWeakTable<Exception, DebugFrame> _origins = [];
    private readonly Func<string, IReadOnlyList<(string Name, object? Value)>, CancellationToken, Task<object?>> _evaluate;
    private Dictionary<string, Dictionary<int, DebugBreakpoint>> _breakpoints = new(StringComparer.Ordinal);
    private DebugStop? _stop;
    private StepKind _step;
    private int _stepDepth;
    private bool _pause;
    private bool _breakOnThrown;
    private bool _breakOnUnhandled;
    [ThreadStatic]
    private static bool t_inFirstChance;

    /// <param name="evaluate">Evaluates an expression over a frame's locals (conditions).</param>
    public ScriptDebugger(Func<string, IReadOnlyList<(string Name, object? Value)>, CancellationToken, Task<object?>> evaluate)
    {
        _evaluate = evaluate;
    }

    /// <summary>Raised on the stopped cell's thread right before it blocks.</summary>
    public event Action<DebugStop>? Stopped;

    /// <summary>Raised when a stopped cell runs again (before it can stop anew).</summary>
    public event Action? Continued;

    private enum StepKind
    {
        None,
        Over,
        In,
        Out,
    }

    /// <summary>The attached debugger, or null (the hooks of instrumented code do nothing then).</summary>
    internal static ScriptDebugger? Active => Volatile.Read(ref s_active);

    /// <summary>The cells' source files (dumpCell paths).</summary>
    public CellFiles Files { get; } = new();

    /// <summary>True while attached: the next cells are instrumented.</summary>
    public bool IsAttached => ReferenceEquals(Active, this);

    /// <summary>The current stop, or null while running.</summary>
    public DebugStop? Stop
    {
        get
        {
            lock (_gate)
            {
                return _stop;
            }
        }
    }

    public void Dispose()
    {
        Detach();
        _resume.Dispose();
        _turn.Dispose();
    }

    public void Attach()
    {
        if (Interlocked.Exchange(ref s_active, this) != this)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        }
    }

    /// <summary>Stops debugging: breakpoints and exception filters cleared, a stopped cell runs on.</summary>
    public void Detach()
    {
        if (Interlocked.CompareExchange(ref s_active, null, this) == this)
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
        }

        lock (_gate)
        {
            _breakpoints = new(StringComparer.Ordinal);
            _breakOnThrown = _breakOnUnhandled = false;
        }

        Resume(StepKind.None);
    }

    /// <summary>Replaces the breakpoints of <paramref name="path"/>.</summary>
    public void SetBreakpoints(string path, IReadOnlyList<DebugBreakpoint> breakpoints)
    {
        lock (_gate)
        {
            var all = new Dictionary<string, Dictionary<int, DebugBreakpoint>>(_breakpoints, StringComparer.Ordinal);
            if (breakpoints.Count == 0)
            {
                all.Remove(path);
            }
            else
            {
                all[path] = breakpoints.GroupBy(b => b.Line).ToDictionary(g => g.Key, g => g.Last());
            }

            _breakpoints = all;
        }
    }

    /// <summary>Every breakpoint by source file (debugInfo).</summary>
    public IReadOnlyDictionary<string, Dictionary<int, DebugBreakpoint>> Breakpoints
    {
        get
        {
            lock (_gate)
            {
                return _breakpoints;
            }
        }
    }

    public void SetExceptionFilters(bool thrown, bool unhandled)
    {
        lock (_gate)
        {
            (_breakOnThrown, _breakOnUnhandled) = (thrown, unhandled);
        }
    }

    public bool Continue() => Resume(StepKind.None);

    public bool Next() => Resume(StepKind.Over);

    public bool StepIn() => Resume(StepKind.In);

    public bool StepOut() => Resume(StepKind.Out);

    /// <summary>Stops the running cell at its next statement.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _pause = true;
        }
    }

    /// <summary>A cell ended: steps and pauses do not carry over to the next one.</summary>
    public void CellFinished()
    {
        lock (_gate)
        {
            _step = StepKind.None;
            _pause = false;
        }
    }

    internal void OnStep(DebugFrame frame)
    {
        string? reason = null;
        lock (_gate)
        {
            if (_pause)
            {
                reason = "pause";
            }
            else if (_step == StepKind.In || (_step == StepKind.Over && frame.Depth <= _stepDepth) || (_step == StepKind.Out && frame.Depth < _stepDepth))
            {
                reason = "step";
            }
        }

        if (reason is null && DebugSites.Statement(frame.Statement) is { } site && Breakpoints.TryGetValue(site.Path, out var lines)
            && lines.TryGetValue(site.Line, out var breakpoint) && ConditionHolds(breakpoint, frame) && breakpoint.Hit())
        {
            reason = "breakpoint";
        }

        if (reason is not null)
        {
            Halt(frame, reason, null, throwOnCancel: true);
        }
    }

    /// <summary>The cell ended with <paramref name="exception"/>: with break on unhandled exceptions, stop where it was
    /// thrown (the frames keep their last locals).</summary>
    internal void OnUnhandled(Exception exception)
    {
        bool enabled;
        lock (_gate)
        {
            enabled = _breakOnUnhandled;
        }

        if (enabled && exception is not OperationCanceledException && _origins.TryGetValue(exception, out var frame))
        {
            Halt(frame, "exception", exception, throwOnCancel: false);
        }
    }

    private void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (t_inFirstChance || DebugFrame.Current is not { } frame || e.Exception is OperationCanceledException)
        {
            return;
        }

        t_inFirstChance = true;
        try
        {
            bool thrown;
            lock (_gate)
            {
                thrown = _breakOnThrown;
            }

            if (!_origins.TryGetValue(e.Exception, out _))
            {
                _origins.AddOrUpdate(e.Exception, frame);
                if (thrown)
                {
                    Halt(frame, "exception", e.Exception, throwOnCancel: false);
                }
            }
        }
        finally
        {
            t_inFirstChance = false;
        }
    }

    private bool ConditionHolds(DebugBreakpoint breakpoint, DebugFrame frame)
    {
        if (string.IsNullOrWhiteSpace(breakpoint.Condition))
        {
            return true;
        }

        try
        {
            using (DebugFrame.Detached())
            {
                return _evaluate(breakpoint.Condition, frame.Scope(), CancellationToken.None).GetAwaiter().GetResult() is true;
            }
        }
#pragma warning disable CA1031 // A condition that does not compile or throws stops, as other debuggers do, so the user sees it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    private void Halt(DebugFrame frame, string reason, Exception? exception, bool throwOnCancel)
    {
        var token = SftpInteractive.SftpCancellation.Current;
        try
        {
            _turn.Wait(token);
        }
        catch (OperationCanceledException)
        {
            // Interrupted before its turn to stop (a cancelled cell's other flows): end it where that is safe.
            if (throwOnCancel && ReachesTheCell())
            {
                throw;
            }

            return;
        }

        try
        {
            var frames = new List<DebugFrame>();
            for (var f = frame; f is not null; f = f.Parent)
            {
                frames.Add(f);
            }

            var stop = new DebugStop(reason, exception is null ? null : $"{exception.GetType().Name}: {exception.Message}", frames);
            lock (_gate)
            {
                _stop = stop;
                _step = StepKind.None;
                _pause = false;
                _resume.Reset();
            }

            Stopped?.Invoke(stop);
            if (token.CanBeCanceled)
            {
                WaitHandle.WaitAny([_resume.WaitHandle, token.WaitHandle]);
            }
            else
            {
                _resume.Wait();
            }

            var interrupted = false;
            lock (_gate)
            {
                if (ReferenceEquals(_stop, stop))
                {
                    _stop = null;
                    interrupted = true;
                }
            }

            if (interrupted)
            {
                Continued?.Invoke();
                if (throwOnCancel && ReachesTheCell())
                {
                    token.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Whether an exception thrown here ends up in the cell's task: true when cell code on this thread runs inside an
    /// async method of cell code (the cell's body, or an async method it awaits), which catches it into its task. A
    /// callback a library invokes on a thread of its own (a transfer's progress handler) has none: an exception there
    /// would end the process, so an interrupted stop there just resumes, and the cell's own cancelled await ends it.
    /// </summary>
    private static bool ReachesTheCell()
    {
        foreach (var frame in new StackTrace(2, fNeedFileInfo: false).GetFrames())
        {
            // Cells and their libraries are loaded from memory: their assemblies have no file.
            if (frame.GetMethod() is { Name: "MoveNext", DeclaringType: { Assembly: var assembly } type }
                && (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) && typeof(IAsyncStateMachine).IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    private bool Resume(StepKind step)
    {
        lock (_gate)
        {
            if (_stop is not { } stop)
            {
                return false;
            }

            _step = step;
            _stepDepth = stop.Frames[0].Depth;
            _stop = null;
            Continued?.Invoke();
            _resume.Set();
            return true;
        }
    }
}
