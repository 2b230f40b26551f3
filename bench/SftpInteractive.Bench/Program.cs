using System.Diagnostics;
using System.Globalization;
using SftpInteractive;
using SftpInteractive.Bench;

// One scenario per process, so every run pays its own start-up and connection like the peers' command lines do.
// Usage: SftpInteractive.Bench <get|put|getdir|find|rss-get|raw-get|raw-put> <args…> --env <file.env> [--parallel N] [--ranges N]
//   rss-get <remote> <local> [<warm-up remote>]: peak RSS growth during one get; with a warm-up file, that file is got
//   first so the pool's connections and first-use code are in place and only per-byte growth is measured.
// SFTPI_BENCH_LOG=debug|trace writes the connection log to stderr with millisecond stamps.
// Prints one JSON object: {"scenario":…,"connect_s":…,"work_s":…,"cpu_s":…,"rss_growth_mb":…}; cpu_s is this process's
// own processor time (user + system, start-up and JIT included, not the ssh it runs).
var arguments = BenchArguments.Parse(args);
if (arguments.Command is "raw-get" or "raw-put")
{
    // No product code at all: the library's own speed, measured the same way (whole process, connect included).
    var env = DotNetEnv.Env.NoEnvVars().LoadMulti([arguments.EnvFile]).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    var raw = RawSshNet.Run(arguments.Command, arguments[0], arguments[1], env, Environment.GetEnvironmentVariable("SFTPI_TEST_HOST_KEY_SHA256") ?? "");
    Console.WriteLine($"{{\"scenario\":\"{arguments.Command}\",\"detail\":\"{raw}\"}}");
    return;
}

// Only the given .env counts, except SFTP_WARM_POOL (0 compares a session whose pool opens only when the first job
// needs it) and SFTP_TRANSPORT (openssh: the rows ours-openssh; before 2026-12-06 it was not passed on, so those rows
// measured the SSH.NET transport).
var options = new SftpOptions
{
    EnvFile = arguments.EnvFile,
    Environment = PassedOn(),
};
var baseline = ProcessMemory.PeakRssKiB();
var total = Stopwatch.StartNew();
if (Environment.GetEnvironmentVariable("SFTPI_BENCH_LOG") is { Length: > 0 } level)
{
    // Where the time goes: the connection log on stderr, each line stamped with milliseconds since start.
    SftpLog.Writer = line => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total.Elapsed.TotalMilliseconds,8:0.0} {line}"));
    SftpLog.SetLevel(SftpLog.Parse(level));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{-(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds,8:0.0} the process started (runtime start-up)"));
    AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total.Elapsed.TotalMilliseconds,8:0.0} the session is disposed, the process exits"));
}

await using var session = await Sftp.ConnectAsync(options);
var connect = total.Elapsed;
var work = Stopwatch.StartNew();
var detail = arguments.Command switch
{
    "get" => (await session.GetAsync(arguments[0], arguments[1], new TransferOptions { Overwrite = OverwritePolicy.Always, Verify = TransferVerification.Size, Parallelism = arguments.Parallel, RangedConnections = arguments.Ranges })).ToText(),
    "put" => (await session.PutAsync(arguments[0], arguments[1], new TransferOptions { Overwrite = OverwritePolicy.Always, Verify = TransferVerification.Size, Parallelism = arguments.Parallel, RangedConnections = arguments.Ranges })).ToText(),
    "getdir" => (await session.GetDirectoryAsync(arguments[0], arguments[1],
        new TransferOptions { Overwrite = OverwritePolicy.Always, Parallelism = arguments.Parallel })).EnsureSuccess().Summary,
    "find" => await FindTwiceAsync(session, arguments[0], arguments[1], arguments.Parallel),
    "rss-get" => await RssGetAsync(session, arguments[0], arguments[1], arguments.Optional(2), arguments.Parallel),
    _ => throw new ArgumentException($"Unknown scenario '{arguments.Command}'. Use get, put, getdir, find or rss-get."),
};
work.Stop();
var growthMb = (ProcessMemory.PeakRssKiB() - baseline) / 1024.0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"scenario\":\"{arguments.Command}\",\"connect_s\":{connect.TotalSeconds:0.000},\"work_s\":{work.Elapsed.TotalSeconds:0.000},\"cpu_s\":{Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.000},\"rss_growth_mb\":{growthMb:0.0},\"detail\":\"{detail.Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal).Split('\n')[0]}\"}}"));

static async Task<string> RssGetAsync(SftpSession session, string remote, string local, string? warmUp, int parallel)
{
    // Peak RSS is measured around the transfer only: the connection and JIT are start-up costs, not per-byte ones.
    var options = new TransferOptions { Overwrite = OverwritePolicy.Always, Verify = TransferVerification.Size, Parallelism = parallel };
    if (warmUp is not null)
    {
        await session.GetAsync(warmUp, local, options);
        File.Delete(local);
    }

    var before = ProcessMemory.PeakRssKiB();
    var result = await session.GetAsync(remote, local, options);
    return string.Create(CultureInfo.InvariantCulture, $"{result.ToText()}; transfer-only peak RSS growth {(ProcessMemory.PeakRssKiB() - before) / 1024.0:0.0} MB");
}

static async Task<string> FindTwiceAsync(SftpSession session, string root, string glob, int parallel)
{
    // The first search right after connect (cold) opens its workers' extra sftp channels on the session's connection
    // (on the OpenSSH transport, finds the pool's opening since connect with SFTP_WARM_POOL > 0); the second reuses
    // them, as later searches in a session do.
    var options = new FindOptions { Glob = glob, Parallelism = parallel };
    var cold = await session.FindAllAsync(root, options);
    var warm = System.Diagnostics.Stopwatch.StartNew();
    var again = await session.FindAllAsync(root, options);
    return string.Create(CultureInfo.InvariantCulture, $"{cold}; cold {cold.Duration.TotalSeconds:0.000} s; warm_s={warm.Elapsed.TotalSeconds:0.000}; {again.Count} matches again");
}

static Dictionary<string, string> PassedOn()
{
    var passed = new Dictionary<string, string>();
    foreach (var key in (ReadOnlySpan<string>)["SFTP_WARM_POOL", "SFTP_TRANSPORT"])
    {
        if (Environment.GetEnvironmentVariable(key) is { } value)
        {
            passed[key] = value;
        }
    }

    return passed;
}
