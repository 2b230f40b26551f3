using SftpInteractive.Kernel.Tests.Fakes;

namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>The kernel host running in the test process with a <see cref="FakeEngine"/>, and a connected client.</summary>
internal sealed class InProcessKernel : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-kernel-").FullName;

    public InProcessKernel()
    {
        var file = TestKernelClient.WriteConnectionFile(_dir);
        Run = KernelHost.RunAsync(file, () => Engine, Log, _stop.Token);
        Client = new TestKernelClient(file);
        Client.WaitForReady(TimeSpan.FromSeconds(20));
    }

    public FakeEngine Engine { get; } = new();

    public TestKernelClient Client { get; }

    public StringWriter Log { get; } = new();

    public Task<bool> Run { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
