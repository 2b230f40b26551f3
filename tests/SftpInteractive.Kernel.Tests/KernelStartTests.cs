using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;
using SftpInteractive.Kernel.Tests.Fakes;

namespace SftpInteractive.Kernel.Tests;

/// <summary>A kernel whose connection file cannot be served fails with a clear error and holds nothing.</summary>
public sealed class KernelStartTests
{
    [Theory]
    [InlineData("shell_port", "shell")]
    [InlineData("iopub_port", "iopub")]
    [InlineData("hb_port", "heartbeat")]
    public async Task Run_PortAlreadyInUse_FailsNamingThePortAndReleasesTheOthers(string key, string name)
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-kernel-start-").FullName;
        var file = TestKernelClient.WriteConnectionFile(dir);
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var connection = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        connection[key] = port;
        File.WriteAllText(file, connection.ToJsonString());
        var engine = new FakeEngine();

        var ex = await Assert.ThrowsAsync<IOException>(() =>
            KernelHost.RunAsync(file, () => engine, TextWriter.Null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Contains($"The {name} port {port} on 127.0.0.1 is already in use", ex.Message);
        Assert.DoesNotContain("secret-key-for-tests", ex.Message);
        holder.Stop();
        var ports = new[] { "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port" }.Select(k => connection[k]!.GetValue<int>());
        Assert.True(await AllBindableAsync(ports, TimeSpan.FromSeconds(10)), "A port of the failed start stayed bound.");
        Directory.Delete(dir, recursive: true);
    }

    // NetMQ closes listeners on its I/O thread, so a released port becomes free a moment after the failure.
    private static Task<bool> AllBindableAsync(IEnumerable<int> ports, TimeSpan timeout) =>
        Poll.UntilAsync(() => Bindable(ports), timeout, TestContext.Current.CancellationToken);

    private static bool Bindable(IEnumerable<int> ports)
    {
        var listeners = ports.Select(p => new TcpListener(IPAddress.Loopback, p)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
