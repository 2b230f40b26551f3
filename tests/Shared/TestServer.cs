using System.Diagnostics;

namespace SftpInteractive.Testing;

/// <summary>
/// The real OpenSSH test server (tests/server/sftpi-test-server), started once per test process through the
/// project's own script. Tests connect with the same .env files and loader users use.
/// </summary>
public sealed class TestServer
{
    private static readonly Lazy<TestServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private TestServer() { }

    /// <summary>Repository root (the folder with SftpInteractive.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Why the server could not start, or null.</summary>
    public string? StartError { get; private set; }

    /// <summary>State folder with keys, env files and known_hosts.</summary>
    public string StateDir { get; private set; } = "";

    /// <summary>root (all accounts) or unprivileged (key account only).</summary>
    public string Mode { get; private set; } = "";

    /// <summary>Port sshd listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Remote folder with the sample data (/data in root mode).</summary>
    public string DataRoot { get; private set; } = "/data";

    /// <summary>Remote path of the large sample file.</summary>
    public string LargeFile { get; private set; } = "";

    /// <summary>SHA256 fingerprint of the server's ed25519 host key.</summary>
    public string HostKeyFingerprint { get; private set; } = "";

    /// <summary>Every value of server.env.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; private set; } = new Dictionary<string, string>();

    /// <summary>The running server, or a skip (with the reason printed) when it truly cannot start.</summary>
    public static TestServer Require()
    {
        var server = Shared.Value;
        if (server.StartError is not null)
        {
            Assert.Skip("The OpenSSH test server could not start: " + server.StartError);
        }

        return server;
    }

    /// <summary>The server, skipping when <paramref name="account"/> is not available (unprivileged mode).</summary>
    public static TestServer Require(string account)
    {
        var server = Require();
        if (!File.Exists(server.EnvFile(account)))
        {
            Assert.Skip($"The '{account}' account needs the test server in root mode; it runs in {server.Mode} mode (not root).");
        }

        return server;
    }

    /// <summary>Path of the .env file for an account: password, key, key-passphrase, key-pem, key-ppk, keypass, totp.</summary>
    public string EnvFile(string account) => Path.Combine(StateDir, "env", account + ".env");

    /// <summary>The password account's .env lines, pointed at a proxy on <paramref name="proxyPort"/> and pinned to the
    /// server's host key (known_hosts names the server's own port).</summary>
    public IEnumerable<string> EnvViaProxy(int proxyPort) =>
        File.ReadAllLines(EnvFile("password"))
            .Where(l => !l.StartsWith("SFTP_PORT=", StringComparison.Ordinal) && !l.StartsWith("SFTP_HOST_KEY_", StringComparison.Ordinal))
            .Concat([$"SFTP_PORT={proxyPort}", "SFTP_HOST_KEY_POLICY=pinned", $"SFTP_HOST_KEY_FINGERPRINT={HostKeyFingerprint}"]);

    /// <summary>Options that read only the account's .env (the process environment is ignored so a developer's own
    /// SFTP_* variables cannot leak into tests). The pool is not opened ahead (SFTP_WARM_POOL=0): hundreds of short
    /// sessions would each open four more logins on two shared cores, and tests that count connections would count
    /// them; the tests of the warm-up turn it on with <see cref="SftpOptions.WarmPool"/>.</summary>
    public SftpOptions Options(string account, Action<SftpOptions>? configure = null)
    {
        var options = new SftpOptions { EnvFile = EnvFile(account), Environment = new Dictionary<string, string> { ["SFTP_WARM_POOL"] = "0" } };
        // SFTPI_TEST_TRANSPORT=openssh runs the integration tests over the OpenSSH transport (tests that choose one keep it).
        if (Environment.GetEnvironmentVariable("SFTPI_TEST_TRANSPORT") is "openssh")
        {
            options.Transport = SftpTransport.OpenSsh;
        }

        configure?.Invoke(options);
        return options;
    }

    /// <summary>Reads one key of an account's .env.</summary>
    public string EnvValue(string account, string key) =>
        File.ReadAllLines(EnvFile(account)).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == key)
            .Select(p => p[1].Trim().Trim('"', '\'')).FirstOrDefault() ?? throw new KeyNotFoundException($"{key} not in {account}.env");

    /// <summary>Connects as <paramref name="account"/>.</summary>
    public Task<SftpSession> ConnectAsync(string account = "password", Action<SftpOptions>? configure = null, CancellationToken cancellationToken = default) =>
        Sftp.ConnectAsync(Options(account, configure), cancellationToken);

    private static TestServer Start()
    {
        var server = new TestServer();
        var script = Path.Combine(RepoRoot, "tests", "server", "sftpi-test-server");
        if (!File.Exists(script))
        {
            server.StartError = $"{script} is missing";
            return server;
        }

        var (code, output) = Run(script, "start", TimeSpan.FromMinutes(8));
        if (code != 0)
        {
            server.StartError = $"'{script} start' exited with {code}: {Tail(output)}";
            return server;
        }

        var stateDir = Environment.GetEnvironmentVariable("SFTPI_TEST_DIR") ?? Path.Combine(RepoRoot, ".sftpi-test");
        var serverEnv = Path.Combine(stateDir, "server.env");
        if (!File.Exists(serverEnv))
        {
            server.StartError = $"{serverEnv} was not written: {Tail(output)}";
            return server;
        }

        var facts = File.ReadAllLines(serverEnv).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && !p[0].StartsWith('#'))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));
        server.Facts = facts;
        server.StateDir = facts.GetValueOrDefault("SFTPI_TEST_STATE_DIR", stateDir);
        server.Mode = facts.GetValueOrDefault("SFTPI_TEST_MODE", "unknown");
        server.Port = int.Parse(facts.GetValueOrDefault("SFTPI_TEST_PORT", "2222"), System.Globalization.CultureInfo.InvariantCulture);
        server.DataRoot = facts.GetValueOrDefault("SFTPI_TEST_DATA_ROOT", "/data");
        server.LargeFile = facts.GetValueOrDefault("SFTPI_TEST_LARGE_FILE", "");
        server.HostKeyFingerprint = facts.GetValueOrDefault("SFTPI_TEST_HOST_KEY_SHA256", "");
        return server;
    }

    private static (int Code, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SftpInteractive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (SftpInteractive.sln) above " + AppContext.BaseDirectory);
    }
}
