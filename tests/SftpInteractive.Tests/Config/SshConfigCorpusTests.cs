using System.Globalization;

namespace SftpInteractive.Tests.Config;

/// <summary>
/// Every ssh_config setting SftpInteractive uses equals what the real <c>ssh -G</c> prints, over the corpus in
/// <c>Config/corpus</c> (copied to a temporary home's <c>.ssh</c>, so relative and <c>~</c> Includes resolve there).
/// </summary>
public sealed class SshConfigCorpusTests : IDisposable
{
    private static readonly string[] Compared =
    [
        "hostname", "user", "port", "identityfile", "identitiesonly", "identityagent", "certificatefile", "proxyjump", "userknownhostsfile",
        "stricthostkeychecking", "hashknownhosts", "connecttimeout", "serveraliveinterval", "serveralivecountmax", "preferredauthentications",
    ];

    private readonly string _home;

    public SshConfigCorpusTests()
    {
        var root = Directory.CreateTempSubdirectory("sftpi-sshcfg-").FullName;
        _home = Path.Combine(root, "home");
        var ssh = Path.Combine(_home, ".ssh");
        var corpus = Path.Combine(AppContext.BaseDirectory, "Config", "corpus");
        foreach (var file in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(ssh, Path.GetRelativePath(corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_home)!, recursive: true);

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "basic.conf", "web", null },
        { "basic.conf", "Web", null },
        { "basic.conf", "db-1", "someone" },
        { "basic.conf", "db-9", null },
        { "basic.conf", "db-x", null },
        { "basic.conf", "WEB.example.com", null },
        { "basic.conf", "x.example.com", null },
        { "basic.conf", "secret.example.com", "sec" },
        { "basic.conf", "unlisted", null },
        { "includes.conf", "app-1", null },
        { "includes.conf", "app-2", "explicit" },
        { "includes.conf", "inside", null },
        { "includes.conf", "elsewhere", null },
        { "includes.conf", "alpha", null },
        { "match.conf", "short", null },
        { "match.conf", "short", "alice" },
        { "match.conf", "short", "carol" },
        { "match.conf", "short", "root" },
        { "match.conf", "long-name.example.org", null },
        { "match.conf", "other.example.org", "bob" },
        { "match.conf", "plain", null },
        { "jump.conf", "direct", null },
        { "jump.conf", "chain", null },
        { "jump.conf", "tokens", null },
        { "jump.conf", "tokens", "other" },
        { "jump.conf", "anything", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Resolve_CorpusHost_EqualsSshMinusG(string file, string host, string? user)
    {
        var config = Path.Combine(_home, ".ssh", file);
        var expected = await new SshMinusG(_home).RunAsync(config, host, user, TestContext.Current.CancellationToken);

        var resolved = SshConfigReader.Resolve([new SshConfigSource(config, IsUserConfig: true)],
            new SshConfigQuery(host) { User = user, HomeDirectory = _home, LocalUser = SshMinusG.LocalUser });
        var ours = AsSshMinusG(resolved);
        if (expected.TryGetValue("proxyjump", out var chain))
        {
            expected["proxyjump"] = [Hops(chain[0])]; // ssh -G writes the last hop back as user@host:port
        }

        foreach (var keyword in Compared)
        {
            Assert.True(
                expected.GetValueOrDefault(keyword, []).SequenceEqual(ours.GetValueOrDefault(keyword, [])),
                $"{file} {host} (user {user ?? "-"}): {keyword}: ssh -G says [{string.Join(" | ", expected.GetValueOrDefault(keyword, []))}], " +
                $"we say [{string.Join(" | ", ours.GetValueOrDefault(keyword, []))}]");
        }
    }

    private static string Hops(string chain) => string.Join(",", SshPatternList.Split(chain).Select(JumpHost.Parse));

    [Theory]
    [InlineData("Host x\n  HostName \"unclosed\n")]
    [InlineData("Match all host x\n  Port 1\n")]
    [InlineData("Match host\n  Port 1\n")]
    [InlineData("Host x\n  Port abc\n")]
    [InlineData("Host x\n  StrictHostKeyChecking maybe\n")]
    [InlineData("Host x\n  ConnectTimeout 5x\n")]
    [InlineData("Host x\n  UserKnownHostsFile ~/.ssh/kh_%z\n")]
    [InlineData("Include bad-self.conf\n")]
    [InlineData("Port\n")]
    public async Task Resolve_BadConfig_FailsWhereSshFails(string text)
    {
        var config = Path.Combine(_home, ".ssh", "bad-self.conf");
        await File.WriteAllTextAsync(config, text, TestContext.Current.CancellationToken);
        var (exitCode, _, _) = await new SshMinusG(_home).TryRunAsync(config, "x", null, TestContext.Current.CancellationToken);

        var e = Assert.Throws<SftpConfigException>(() => SshConfigReader.Resolve([new SshConfigSource(config, IsUserConfig: true)],
            new SshConfigQuery("x") { HomeDirectory = _home, LocalUser = SshMinusG.LocalUser }));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("bad-self.conf", e.Message, StringComparison.Ordinal);
    }

    // Our resolution printed the way ssh -G prints it (lists one line per entry, unset values left out).
    private static Dictionary<string, List<string>> AsSshMinusG(SshHostConfig c)
    {
        var text = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["hostname"] = [c.HostName],
            ["user"] = [c.User],
            ["port"] = [c.Port.ToString(CultureInfo.InvariantCulture)],
            ["identityfile"] = [.. c.IdentityFiles],
            ["identitiesonly"] = [c.IdentitiesOnly ? "yes" : "no"],
            ["certificatefile"] = [.. c.CertificateFiles],
            ["userknownhostsfile"] = [string.Join(' ', c.UserKnownHostsFiles)],
            ["stricthostkeychecking"] = [c.StrictHostKeyChecking],
            ["hashknownhosts"] = [c.HashKnownHosts ? "yes" : "no"],
            ["connecttimeout"] = [c.ConnectTimeout?.ToString(CultureInfo.InvariantCulture) ?? "none"],
            ["serveraliveinterval"] = [c.ServerAliveInterval.ToString(CultureInfo.InvariantCulture)],
            ["serveralivecountmax"] = [c.ServerAliveCountMax.ToString(CultureInfo.InvariantCulture)],
        };
        if (c.IdentityAgent is { } agent)
        {
            text["identityagent"] = [agent];
        }

        if (c.ProxyJump is { } jump)
        {
            text["proxyjump"] = [Hops(jump)];
        }

        if (c.PreferredAuthentications is { } order)
        {
            text["preferredauthentications"] = [order];
        }

        return text;
    }
}
