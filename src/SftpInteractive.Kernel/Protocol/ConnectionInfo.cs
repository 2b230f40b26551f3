using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>The connection file exactly as Jupyter writes it (jupyter_client's <c>write_connection_file</c>).</summary>
internal sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="InvalidDataException">The file is not a usable connection file.</exception>
    public static ConnectionInfo Load(string path)
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a Jupyter connection file: {ex.Message}", ex);
        }

        if (info is null)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        if (!string.Equals(info.Transport, "tcp", StringComparison.OrdinalIgnoreCase))
        {
            // NetMQ's ipc transport is not libzmq's Unix socket transport, so a front end could never connect.
            throw new InvalidDataException($"Transport '{info.Transport}' is not supported; start the front end with transport tcp.");
        }

        if (!string.IsNullOrEmpty(info.Key) && !string.Equals(info.SignatureScheme, "hmac-sha256", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Signature scheme '{info.SignatureScheme}' is not supported; use hmac-sha256.");
        }

        return info;
    }

    /// <summary>The NetMQ address for one port.</summary>
    public string Address(int port)
    {
        var host = Ip is "*" or "" ? "*" : Ip;
        return string.Create(CultureInfo.InvariantCulture, $"tcp://{host}:{port}");
    }
}
