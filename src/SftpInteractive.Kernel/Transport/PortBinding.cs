using NetMQ;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Transport;

/// <summary>Binds a kernel socket to one port of the connection file, with an error that says which port failed.</summary>
internal static class PortBinding
{
    /// <summary>Binds <paramref name="socket"/> to <paramref name="port"/> on the connection file's address.</summary>
    /// <exception cref="IOException">The port is in use, or the address cannot be listened on.</exception>
    public static void Bind(NetMQSocket socket, ConnectionInfo connection, int port, string name)
    {
        try
        {
            socket.Bind(connection.Address(port));
        }
        catch (AddressAlreadyInUseException ex)
        {
            throw new IOException(
                $"The {name} port {port} on {connection.Ip} is already in use: another program (or a kernel still running " +
                "from this connection file) holds it. Start the kernel again from the front end to get new ports.", ex);
        }
        catch (NetMQException ex)
        {
            throw new IOException($"Cannot listen on {connection.Ip} port {port} ({name}): {ex.Message}", ex);
        }
    }
}
