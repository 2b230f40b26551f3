using System.Collections.Concurrent;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>On the OpenSSH transport every connection of a session is a channel of one SSH connection, and sshd allows
/// MaxSessions of those (the test server 50, sshd's default 10). A tree job that asks for more than the server still
/// allows goes on with the channels it got. In <see cref="ProcessLog"/>: it reads the pool's log line.</summary>
[Collection(nameof(ProcessLog))]
public sealed class OpenSshChannelLimitTests
{
    private const int MaxSessions = 50;   // tests/server/sftpi-test-server's sshd_config
    private const int Own = 2;            // the master's own session and the session's SFTP engine
    private const int Parallelism = 16;   // the most a job asks for
    private const int Files = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSsh_TreeGetAsksMoreChannelsThanMaxSessionsLeaves_RunsOnThoseItGotAndSaysSo()
    {
        const int holders = 36;
        await WithSessionAsync(async (s, scratch, local, lines) =>
        {
            await HoldAsync(s, scratch, holders, async () =>
            {
                var open = holders + Own + (s.PoolIfCreated?.IdleCount ?? 0);
                Assert.True(open + Parallelism > MaxSessions, $"{open} + {Parallelism} channels stay within MaxSessions {MaxSessions}");

                var report = await s.GetDirectoryAsync(scratch["tree"], local, new TransferOptions { Parallelism = Parallelism }, cancellationToken: Ct);

                Assert.True(report.Succeeded, string.Join("\n", report.Failures));
                Assert.Equal(Files, Directory.GetFiles(local, "f*", SearchOption.AllDirectories).Length);
                Assert.Contains(lines, l => l.Contains("channels opened for a job were refused", StringComparison.Ordinal) && l.Contains("MaxSessions", StringComparison.Ordinal));

                // Every channel the server allows is now open (the pool keeps the job's, idle): a command still gets one.
                Assert.Equal("ok", (await s.RunAsync("echo ok", Ct)).StdOut.Trim());
            });
        });
    }

    [Fact]
    public async Task OpenSsh_TreeGetFindsEveryChannelTaken_WaitsAndRunsOnceCommandsEnd()
    {
        const int holders = MaxSessions - Own;
        await WithSessionAsync(async (s, scratch, local, lines) =>
        {
            Task<TransferReport>? getting = null;
            await HoldAsync(s, scratch, holders, async () =>
            {
                Assert.Equal(0, s.PoolIfCreated?.IdleCount ?? 0);
                getting = s.GetDirectoryAsync(scratch["tree"], local, new TransferOptions { Parallelism = 4 }, cancellationToken: Ct);
                Assert.True(await Poll.UntilAsync(() => lines.Any(l => l.Contains("channels opened for a job were refused", StringComparison.Ordinal)) || getting.IsCompleted,
                    TimeSpan.FromSeconds(30), Ct), "the job never asked for a channel");
                Assert.False(getting.IsCompleted, getting.IsFaulted ? getting.Exception!.InnerException!.Message : "done with no channel");
            });

            var report = await getting!.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.True(report.Succeeded, string.Join("\n", report.Failures));
            Assert.Equal(Files, Directory.GetFiles(local, "f*", SearchOption.AllDirectories).Length);
        });
    }

    // A session on the OpenSSH transport (no pool opened ahead) with a scratch folder holding tree/ of Files small files,
    // a local folder, and the log's lines.
    private static async Task WithSessionAsync(Func<SftpSession, RemoteScratch, string, ConcurrentQueue<string>, Task> test)
    {
        var server = TestServer.Require("key");
        var lines = new ConcurrentQueue<string>();
        var previous = SftpLog.Writer;
        SftpLog.Writer = lines.Enqueue;
        var local = Directory.CreateTempSubdirectory("sftpi-channels-");
        try
        {
            await using var s = await server.ConnectAsync("key", o =>
            {
                o.Transport = SftpTransport.OpenSsh;
                o.WarmPool = 0;
                o.Environment = new Dictionary<string, string> { ["SFTP_LOG"] = "info" };
            }, Ct);
            await using var scratch = await RemoteScratch.CreateAsync(s);
            var made = await s.RunAsync($"cd {SftpSession.ShellQuote(scratch.Path)} && mkdir tree held && i=0 && while [ $i -lt {Files} ]; do " +
                "head -c 3000 /dev/urandom > tree/f$i; i=$((i+1)); done", Ct);
            Assert.Equal(0, made.ExitCode);
            await test(s, scratch, local.FullName, lines);
        }
        finally
        {
            SftpLog.ApplySetting(SftpLogLevel.Off);
            SftpLog.Writer = previous;
            local.Delete(recursive: true);
        }
    }

    // Runs `during` while `count` commands each hold a channel (each touches held/hN once it runs, then waits for the
    // release folder, 120 s at most); then lets them go and checks they all ended well.
    private static async Task HoldAsync(SftpSession s, RemoteScratch scratch, int count, Func<Task> during)
    {
        var release = SftpSession.ShellQuote(scratch["release"]);
        var holders = Enumerable.Range(0, count).Select(i => s.RunAsync(
            $"touch {SftpSession.ShellQuote(scratch["held"])}/h{i}; n=0; while [ $n -lt 600 ] && [ ! -e {release} ]; do sleep 0.2; n=$((n+1)); done", Ct)).ToList();
        try
        {
            Assert.True(await HeldAsync(s, scratch["held"], count), "the commands holding channels did not all start");
            await during();
        }
        finally
        {
            await s.MkdirAsync(scratch["release"], Ct);
            await Task.WhenAll(holders).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.All(holders, h => Assert.Equal(0, h.Result.ExitCode));
    }

    // Every holder touched its file (so its channel is open on the server): checked over SFTP, bounded.
    private static async Task<bool> HeldAsync(SftpSession s, string held, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await s.LsAsync(held, Ct)).Count(e => e.Name.StartsWith('h')) >= count)
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return false;
    }
}
