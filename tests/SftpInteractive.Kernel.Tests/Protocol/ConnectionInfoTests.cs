using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Tests.Protocol;

public sealed class ConnectionInfoTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sftpi-conn-").FullName, "kernel.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_FileAsJupyterWritesIt_ReadsEveryField()
    {
        var info = ConnectionInfo.Load(Write("""
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
             "signature_scheme": "hmac-sha256", "kernel_name": "sftpinteractive"}
            """));

        Assert.Equal(5001, info.ShellPort);
        Assert.Equal(5005, info.HeartbeatPort);
        Assert.Equal("a0436f6c-1916-498b-8eb9-e81ab9368e84", info.Key);
        Assert.Equal("tcp://127.0.0.1:5004", info.Address(info.ControlPort));
    }

    [Fact]
    public void Load_IpcTransport_IsRefusedWithAReason()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write("""{"transport": "ipc", "ip": "kernel-1", "shell_port": 1}""")));

        Assert.Contains("tcp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherSignatureScheme_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write("""{"key": "k", "signature_scheme": "hmac-md5"}""")));
    }

    [Fact]
    public void Load_NotJson_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(Write("not json")));
    }
}
