namespace SftpInteractive.IntegrationTests;

/// <summary>Tests that install their own writer on the process-wide connection log (<see cref="SftpLog.Writer"/>, set
/// as SSH.NET's logging is) run one after the other: two at once took each other's lines (a fresh clone's run lost
/// ConnectionLogTests' "auth:" line to PoolWarmUpTests' writer).</summary>
[CollectionDefinition(nameof(ProcessLog))]
public sealed class ProcessLog;
