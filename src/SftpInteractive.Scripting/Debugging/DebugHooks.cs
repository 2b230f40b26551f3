using System.ComponentModel;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// The calls <see cref="DebugRewriter"/> inserts into a cell's code while a debugger is attached: a frame per method,
/// lambda and local function, and a sequence point before each statement. Not meant to be called by hand; cells
/// compiled without a debugger attached contain none of them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DebugHooks
{
    /// <summary>Enters the method registered as <paramref name="method"/>; returns its frame for <see cref="Exit"/>.</summary>
    /// <param name="method">The id <see cref="DebugSites"/> gave the method when the cell was instrumented.</param>
    public static object? Enter(int method) => DebugFrame.Push(method);

    /// <summary>Leaves <paramref name="frame"/> (from <see cref="Enter"/>).</summary>
    /// <param name="frame">The frame to leave.</param>
    public static void Exit(object? frame) => DebugFrame.Pop(frame as DebugFrame);

    /// <summary>A sequence point: the statement registered as <paramref name="statement"/> is about to run with the
    /// locals in scope holding <paramref name="values"/>; stops here when a breakpoint or a step says so.</summary>
    /// <param name="statement">The statement's id in <see cref="DebugSites"/>.</param>
    /// <param name="values">The values of the statement's locals in scope, in the order of its registered names.</param>
    public static void Step(int statement, object?[]? values)
    {
        if (DebugFrame.Current is not { } frame)
        {
            return;
        }

        frame.Statement = statement;
        frame.Values = values;
        ScriptDebugger.Active?.OnStep(frame);
    }

    /// <summary>The value of the stopped frame's local number <paramref name="index"/> inside an expression the
    /// debugger evaluates (its script declares each local from this).</summary>
    /// <param name="index">The local's position in the evaluation.</param>
    public static object? Local(int index) => DebugEvaluation.Local(index);
}
