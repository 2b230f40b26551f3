namespace SftpInteractive;

/// <summary>
/// SSH.NET's <c>ConnectAsync</c> waits synchronously through key exchange and login, so each connection being opened
/// holds a thread-pool worker for its whole handshake (several round trips at distance). A machine with two cores
/// starts with two workers and adds more only slowly, so the pool's connections opening beside a running transfer
/// starved that transfer's continuations. Before opening pool connections the pool keeps at least one worker per
/// connection it may open on top of the cores' own.
/// </summary>
internal static class ThreadPoolHeadroom
{
    private static readonly Lock Gate = new();

    /// <summary>Makes sure <paramref name="blocking"/> handshakes can wait without taking the cores' workers.</summary>
    public static void Ensure(int blocking)
    {
        lock (Gate)
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            var wanted = Environment.ProcessorCount + blocking;
            if (workers < wanted)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }
    }
}
