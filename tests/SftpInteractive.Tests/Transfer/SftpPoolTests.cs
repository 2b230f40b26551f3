using Renci.SshNet;
using SftpInteractive.Testing;

namespace SftpInteractive.Tests.Transfer;

/// <summary>The pool's bookkeeping with opens the test completes by hand (no server: the clients are never connected).</summary>
public sealed class SftpPoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RentCalledOffWhileWarming_TheNextJobGetsThoseConnectionsAndEachIsIdleOnce()
    {
        var (pool, opens) = await WarmingAsync(3);
        using var disposing = pool;

        // A walk that ends before they are up calls its rent off; a tree transfer then rents the same three.
        using (var walk = new CancellationTokenSource())
        {
            var walking = pool.RentAsync(2, walk.Token);
            await walk.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => walking);
        }

        var transfer = pool.RentAsync(3, Ct);
        opens.CompleteAll();
        var clients = await transfer.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(3, clients.Distinct().Count());
        Assert.Equal(3, pool.Opened); // none opened again
        Assert.Equal(0, pool.IdleCount); // none handed back behind the transfer's back
        pool.Return(clients);
        Assert.Equal(3, pool.IdleCount);
    }

    [Fact]
    public async Task RentCalledOffAfterOneCameUp_ThatOneGoesIdleAndTheOthersStayClaimable()
    {
        var (pool, opens) = await WarmingAsync(2);
        using var disposing = pool;

        using (var walk = new CancellationTokenSource())
        {
            var walking = pool.RentAsync(2, walk.Token);
            opens.Complete(0);
            await walk.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => walking);
        }

        Assert.True(await Poll.UntilAsync(() => pool.IdleCount == 1, TimeSpan.FromSeconds(10), Ct), "the connection that came up was not kept");
        var transfer = pool.RentAsync(2, Ct);
        opens.Complete(1);
        var clients = await transfer.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(2, clients.Distinct().Count());
        Assert.Equal(2, pool.Opened);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public async Task WalkEndsBeforeItsOwnChannelsAreUp_TheyFinishOpeningAndWaitIdleForTheNextWalk()
    {
        var opens = new Opens();
        using var pool = new SftpPool(opens.OpenAsync);

        var rental = WalkRental.Start(pool, parallelism: 4, Ct);
        Assert.True(await opens.StartedAsync(3), "the walk did not open its three channels");
        rental.Dispose(); // the walk is over before any came up
        opens.CompleteAll();

        Assert.True(await Poll.UntilAsync(() => pool.IdleCount == 3, TimeSpan.FromSeconds(10), Ct), $"{pool.IdleCount} of 3 kept");
        using var next = WalkRental.Start(pool, parallelism: 4, Ct);
        Assert.Equal(3, (await next.Clients.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Length);
        Assert.Equal(3, pool.Opened); // the next walk opened none
    }

    // A pool opening `count` connections ahead of time, none of them up yet.
    private static async Task<(SftpPool, Opens)> WarmingAsync(int count)
    {
        var opens = new Opens();
        var pool = new SftpPool(opens.OpenAsync);
        pool.WarmUp(count);
        Assert.True(await opens.StartedAsync(count), "the warm-up did not start its opens");
        return (pool, opens);
    }

    // Opens that wait for the test: the n-th open completes when Complete(n) or CompleteAll is called, unless called off first.
    private sealed class Opens
    {
        private readonly List<TaskCompletionSource<SftpClient>> _started = [];
        private readonly Lock _gate = new();

        public Task<SftpClient> OpenAsync(bool mayAsk, CancellationToken cancellationToken)
        {
            var opening = new TaskCompletionSource<SftpClient>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => opening.TrySetCanceled(cancellationToken)); // as a real open is called off
            lock (_gate)
            {
                _started.Add(opening);
            }

            return opening.Task;
        }

        public Task<bool> StartedAsync(int count) => Poll.UntilAsync(() => { lock (_gate) { return _started.Count >= count; } }, TimeSpan.FromSeconds(10), Ct);

        public void Complete(int index)
        {
            lock (_gate)
            {
                _started[index].TrySetResult(new UpClient());
            }
        }

        public void CompleteAll()
        {
            lock (_gate)
            {
                foreach (var opening in _started)
                {
                    opening.TrySetResult(new UpClient());
                }
            }
        }
    }

    // A client the pool takes for connected; it never touches the network.
    private sealed class UpClient() : SftpClient(new ConnectionInfo("127.0.0.1", "nobody", new NoneAuthenticationMethod("nobody")))
    {
        public override bool IsConnected => true;
    }
}
