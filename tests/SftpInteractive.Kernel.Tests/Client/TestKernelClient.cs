using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>A minimal Jupyter client over NetMQ (what jupyter_client does, in C#) for protocol tests.</summary>
internal sealed class TestKernelClient : IDisposable
{
    private readonly MessageSigner _signer;
    private readonly MessageFactory _factory = new("client-session", "tester", TimeProvider.System);
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly DealerSocket _stdin = new();
    private readonly SubscriberSocket _iopub = new();

    public TestKernelClient(string connectionFile)
    {
        var info = JsonNode.Parse(File.ReadAllText(connectionFile))!;
        _signer = new MessageSigner(info["key"]!.GetValue<string>());
        string Address(string port) => $"tcp://127.0.0.1:{info[port]!.GetValue<int>()}";
        var identity = "client-session"u8.ToArray();
        _shell.Options.Identity = identity;
        _stdin.Options.Identity = identity;
        _shell.Connect(Address("shell_port"));
        _control.Connect(Address("control_port"));
        _stdin.Connect(Address("stdin_port"));
        _iopub.Connect(Address("iopub_port"));
        _iopub.SubscribeToAnyTopic();
        HeartbeatAddress = Address("hb_port");
    }

    public string HeartbeatAddress { get; }

    /// <summary>Writes a connection file with free ports and a random key.</summary>
    public static string WriteConnectionFile(string dir, string key = "secret-key-for-tests")
    {
        var ports = Enumerable.Range(0, 5).Select(_ => FreePort()).ToArray();
        var path = Path.Combine(dir, "kernel-test.json");
        File.WriteAllText(path, new JsonObject
        {
            ["shell_port"] = ports[0], ["iopub_port"] = ports[1], ["stdin_port"] = ports[2], ["control_port"] = ports[3], ["hb_port"] = ports[4],
            ["ip"] = "127.0.0.1", ["key"] = key, ["transport"] = "tcp", ["signature_scheme"] = "hmac-sha256", ["kernel_name"] = "sftpinteractive",
        }.ToJsonString());
        return path;
    }

    public string Send(string channel, string msgType, JsonObject? content = null, string? signatureOverride = null)
    {
        var message = new JupyterMessage([], _factory.Header(msgType), [], [], content ?? [], []);
        var frames = WireFormat.Encode(message, _signer);
        if (signatureOverride is not null)
        {
            frames[1] = System.Text.Encoding.ASCII.GetBytes(signatureOverride);
        }

        Socket(channel).SendMultipartBytes(frames);
        return message.MessageId;
    }

    public void SendRaw(string channel, JupyterMessage message) => Socket(channel).SendMultipartBytes(WireFormat.Encode(message, _signer));

    public MessageFactory Factory => _factory;

    /// <summary>Next message on a channel, or null after <paramref name="timeout"/>.</summary>
    public JupyterMessage? Receive(string channel, TimeSpan timeout)
    {
        List<byte[]> frames = [];
        if (!Socket(channel).TryReceiveMultipartBytes(timeout, ref frames!))
        {
            return null;
        }

        Assert.True(WireFormat.TryDecode(frames, _signer, out var message, out var error), error);
        return message;
    }

    /// <summary>The reply on <paramref name="channel"/> to <paramref name="msgId"/>.</summary>
    public JupyterMessage Reply(string channel, string msgId, TimeSpan? timeout = null) =>
        TryReply(channel, msgId, timeout ?? TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"No {channel} reply to {msgId}.");

    /// <summary>The reply on <paramref name="channel"/> to <paramref name="msgId"/>, or null after <paramref name="timeout"/>.</summary>
    public JupyterMessage? TryReply(string channel, string msgId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var m = Receive(channel, deadline - DateTime.UtcNow);
            if (m is not null && m.ParentHeader["msg_id"]?.GetValue<string>() == msgId)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>iopub messages parented to <paramref name="msgId"/>, from busy through idle.</summary>
    public List<JupyterMessage> IopubUntilIdle(string msgId, TimeSpan? timeout = null)
    {
        var result = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var m = Receive("iopub", deadline - DateTime.UtcNow);
            if (m is null || m.ParentHeader["msg_id"]?.GetValue<string>() != msgId)
            {
                continue;
            }

            result.Add(m);
            if (m.MessageType == "status" && m.Content["execution_state"]!.GetValue<string>() == "idle")
            {
                return result;
            }
        }

        throw new TimeoutException($"No idle for {msgId}; got {string.Join(", ", result.Select(r => r.MessageType))}.");
    }

    /// <summary>
    /// Like jupyter_client's wait_for_ready: kernel_info, re-sent each second it goes unanswered, until iopub delivers
    /// (subscriptions take a moment). Stops at once when <paramref name="kernelRun"/> ends: a kernel that failed to
    /// start is reported with its error rather than as a timeout.
    /// </summary>
    public void WaitForReady(TimeSpan timeout, Task kernelRun)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (kernelRun.IsCompleted)
            {
                throw new InvalidOperationException($"The kernel stopped before it was ready ({kernelRun.Status}).", kernelRun.Exception?.InnerException);
            }

            var id = Send("shell", "kernel_info_request");
            if (TryReply("shell", id, TimeSpan.FromSeconds(1)) is null)
            {
                continue;
            }

            if (Receive("iopub", TimeSpan.FromMilliseconds(300)) is not null)
            {
                while (Receive("iopub", TimeSpan.FromMilliseconds(200)) is not null)
                {
                }

                return;
            }
        }

        throw new TimeoutException("The kernel never answered kernel_info and published on iopub.");
    }

    public static string Json(JupyterMessage m) => JsonSerializer.Serialize(m.Content);

    public void Dispose()
    {
        _shell.Dispose();
        _control.Dispose();
        _stdin.Dispose();
        _iopub.Dispose();
    }

    private NetMQSocket Socket(string channel) => channel switch
    {
        "shell" => _shell,
        "control" => _control,
        "stdin" => _stdin,
        _ => _iopub,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
