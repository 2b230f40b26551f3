using SftpInteractive.Kernel.Tests.Fakes;

namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>The kernel host running in the test process with a <see cref="FakeEngine"/>, and a connected client.</summary>
internal sealed class InProcessKernel : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-kernel-").FullName;

    public InProcessKernel()
    {
        // Free ports are free when chosen, as jupyter_client's are; a process running beside the tests can take one
        // before the kernel binds it. That start fails with the port-in-use error: start again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            var file = TestKernelClient.WriteConnectionFile(_dir);
            Run = KernelHost.RunAsync(file, () => Engine, Log, _stop.Token);
            Client = new TestKernelClient(file);
            try
            {
                Client.WaitForReady(TimeSpan.FromSeconds(20), Run);
                return;
            }
            catch (InvalidOperationException ex) when (ex.InnerException is IOException && attempt < StartAttempts)
            {
                Client.Dispose();
                Engine = new FakeEngine();
            }
        }
    }

    public FakeEngine Engine { get; private set; } = new();

    public TestKernelClient Client { get; private set; }

    public StringWriter Log { get; } = new();

    public Task<bool> Run { get; private set; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
