using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SftpInteractive.Bench.DelayProxy;

// A loopback TCP forwarder that delays each direction by half the round trip, bandwidth unlimited: `tc netem` is not
// available on these machines, and the benchmark needs distance to show what requests in flight and window sizes buy.
// Usage: delay-proxy <target-port> <rtt-ms> [listen-port]   (target and listener on 127.0.0.1)
// Prints "listening <port>" once it accepts connections; runs until killed.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: delay-proxy <target-port> <rtt-ms> [listen-port]");
    return 2;
}

var target = new IPEndPoint(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
var oneWay = TimeSpan.FromMilliseconds(double.Parse(args[1], CultureInfo.InvariantCulture) / 2);
var listener = new TcpListener(IPAddress.Loopback, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0);
listener.Start();
Console.WriteLine($"listening {((IPEndPoint)listener.LocalEndpoint).Port}");
while (true)
{
    var client = await listener.AcceptSocketAsync();
    _ = Task.Run(() => DelayedConnection.RunAsync(client, target, oneWay));
}
