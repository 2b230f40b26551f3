using System.Globalization;
using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>The OpenSSH transport (<c>SFTP_TRANSPORT=openssh</c>) against the real server: every SFTP byte of the
/// session goes through an <c>ssh -s … sftp</c> child process started with the resolved settings.</summary>
public sealed class OpenSshTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("key")]
    [InlineData("jump")]
    public async Task OpenSsh_KeyAccount_BrowsesManagesAndTransfersThroughAnSshChild(string account)
    {
        var server = TestServer.Require(account);
        // Tests that count the bastion's forwards must not count ours.
        using var bastion = account == "jump" ? await BastionLogWindow.OpenAsync(server, Ct) : null;
        await using var s = await server.ConnectAsync(account, o => o.Transport = SftpTransport.OpenSsh, Ct);
        Assert.Equal(SftpTransport.OpenSsh, s.Settings.Transport);

        var listing = await s.LsAsync(server.DataRoot, Ct);
        Assert.NotEmpty(listing);
        // No SSH.NET connection: the session's handle never did a key exchange; ssh's master did the one login. The
        // server's key is in the strict policy's known_hosts, so ssh checked it itself against a known_hosts file of the
        // master's own private directory holding only the keys the policy accepts (no helper run in its key exchange;
        // the user's files are never given to ssh), and the policy recorded the key ssh named.
        Assert.False(s.HoldsSshNetConnection);
        Assert.Contains("OpenSSH", s.Explain().ToText(), StringComparison.Ordinal);
        // (sessions of tests running beside this one may have masters of their own)
        Assert.Contains(SshChildProcesses.Masters(), c => c.Contains(s.Settings.Username) && c.Contains("StrictHostKeyChecking=yes")
            && c.Any(a => a.StartsWith("UserKnownHostsFile=" + Path.Combine(Path.GetTempPath(), "sftpi-ssh-"), StringComparison.Ordinal) && a.EndsWith("/known_hosts", StringComparison.Ordinal))
            && c.Contains("GlobalKnownHostsFile=/dev/null") && !c.Any(a => a.StartsWith("KnownHostsCommand=", StringComparison.Ordinal))
            // Ready when the server's VERSION comes back: nothing run through the user's shell after the login.
            && c.Contains("PermitLocalCommand=no") && !c.Any(a => a.StartsWith("LocalCommand=", StringComparison.Ordinal))
            && (account != "jump" || c.Any(a => a.StartsWith("ProxyCommand=", StringComparison.Ordinal) && a.Contains("2299", StringComparison.Ordinal))));
        Assert.DoesNotContain(SshChildProcesses.Masters(), c => c.Any(a => a.Contains("StrictHostKeyChecking=no", StringComparison.Ordinal)));
        Assert.Equal(server.HostKeyFingerprint, s.HostKeyFingerprint);

        var run = await s.RunAsync("echo out; echo err >&2; exit 3", Ct);
        Assert.Equal(("out", "err", 3), (run.StdOut.Trim(), run.StdErr.Trim(), run.ExitCode));
        Assert.False(s.HoldsSshNetConnection);

        await using var scratch = await RemoteScratch.CreateAsync(s);
        var local = Path.Combine(Path.GetTempPath(), "sftpi-openssh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(local);
        try
        {
            var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
            await File.WriteAllBytesAsync(Path.Combine(local, "up.bin"), content, Ct);
            await s.PutAsync(Path.Combine(local, "up.bin"), scratch["up.bin"], cancellationToken: Ct);
            Assert.Equal(content.Length, (await s.StatAsync(scratch["up.bin"], Ct)).Size);
            await s.GetAsync(scratch["up.bin"], Path.Combine(local, "down.bin"), cancellationToken: Ct);
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(local, "down.bin"), Ct));

            await s.MkdirAsync(scratch["a/b"], Ct);
            await s.ChmodAsync(scratch["a/b"], "700", Ct);
            Assert.Equal(Convert.ToInt32("700", 8), (await s.StatAsync(scratch["a/b"], Ct)).Mode & 0x1FF);
            var stamp = new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc);
            await s.SetModifiedAsync(scratch["up.bin"], stamp, Ct);
            Assert.Equal(stamp, (await s.StatAsync(scratch["up.bin"], Ct)).ModifiedUtc);
            Assert.NotEmpty(await s.HeadAsync(scratch["up.bin"], 1, Ct));
            Assert.True((await s.DfAsync(scratch.Path, Ct)).TotalBytes > 0);
            Assert.False(s.HoldsSshNetConnection);

            // Only a user who asks for SSH.NET's client gets an SSH.NET connection (the escape hatch), with the session's host key.
            Assert.True(s.Client.Exists(scratch["up.bin"]));
            Assert.True(s.HoldsSshNetConnection);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task OpenSsh_TwoHopChainThroughTheBastionTwice_EachHopForwardsToTheNextRepeatedly()
    {
        // Both hops are the bastion (127.0.0.1:2299): the first must forward to the second, not to the target. When the
        // nested ProxyCommand said "-W %h:%p", the outer ssh expanded it to the target's host and port, and the second
        // hop's ssh saw the target's key under the bastion's name ("REMOTE HOST IDENTIFICATION HAS CHANGED").
        var server = TestServer.Require("jump2");
        var bastion = int.Parse(server.Facts["SFTPI_TEST_BASTION_PORT"], CultureInfo.InvariantCulture);
        var content = RandomNumberGenerator.GetBytes(64 * 1024 + 5);
        var local = Directory.CreateTempSubdirectory("sftpi-openssh-jump2-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(local.FullName, "up.bin"), content, Ct);
            for (var round = 0; round < 3; round++)
            {
                using var window = await BastionLogWindow.OpenAsync(server, Ct);
                await using var s = await server.ConnectAsync("jump2", o => o.Transport = SftpTransport.OpenSsh, Ct);
                Assert.Equal(2, s.Settings.JumpHosts.Count);
                Assert.Equal(server.HostKeyFingerprint, s.HostKeyFingerprint);
                await using var scratch = await RemoteScratch.CreateAsync(s);
                await s.PutAsync(Path.Combine(local.FullName, "up.bin"), scratch["up.bin"], cancellationToken: Ct);
                var down = Path.Combine(local.FullName, $"down{round}.bin");
                await s.GetAsync(scratch["up.bin"], down, cancellationToken: Ct);
                Assert.Equal(content, await File.ReadAllBytesAsync(down, Ct));
                Assert.Equal(1, await window.ForwardsAtLeastAsync(bastion, 1, Ct));    // hop 1 -> hop 2
                Assert.Equal(1, await window.ForwardsAtLeastAsync(server.Port, 1, Ct)); // hop 2 -> target
            }
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }

    [Fact]
    public void Command_TwoHopChain_InnerHopForwardsToTheSecondHopWhateverTheOuterSshExpands()
    {
        var settings = new SftpSettings
        {
            Host = "target.example", HostAlias = "target.example", Port = 2222, Username = "u", KnownHostsPath = "/tmp/kh",
            JumpHosts = [new JumpHost("bastion.example", 2299, "j"), new JumpHost("bastion.example", 2299, "j")],
        };

        var proxy = Assert.Single(OpenSshCommand.Master(settings, "/tmp/d/cm", "/tmp/d/askpass"), a => a.StartsWith("ProxyCommand=", StringComparison.Ordinal));

        // No %h/%p for the outer ssh to expand into the nested command: hop 2 forwards to the target, hop 1 to hop 2.
        Assert.DoesNotContain("%h", proxy, StringComparison.Ordinal);
        Assert.EndsWith("-W target.example:2222 -- bastion.example", proxy, StringComparison.Ordinal);
        Assert.Contains("-W bastion.example:2299 -- bastion.example", proxy, StringComparison.Ordinal);
        Assert.Equal("[::1]:22", OpenSshCommand.ForwardTarget("::1", 22));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("totp")]
    public async Task OpenSsh_PasswordAndTotpFromEnv_AnsweredThroughAskpassSecretNowhereInSsh(string account)
    {
        var server = TestServer.Require(account);
        var password = server.EnvValue(account, "SFTP_PASSWORD");
        await using var s = await server.ConnectAsync(account, o => o.Transport = SftpTransport.OpenSsh, Ct);

        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        Assert.Equal("ok", (await s.RunAsync("echo ok", Ct)).StdOut.Trim());
        foreach (var pid in SshChildProcesses.SshChildren())
        {
            // Neither the command lines nor the environments of ssh and its helpers hold the secret.
            Assert.DoesNotContain(password, SshChildProcesses.ProcFile(pid, "cmdline"), StringComparison.Ordinal);
            Assert.DoesNotContain(password, SshChildProcesses.ProcFile(pid, "environ"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenSsh_TotpAtTheHostsMaskedPrompt_AskedOnceForTheWholeSession()
    {
        var server = TestServer.Require("totp");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        var asked = new List<AuthPrompt>();
        await using var s = await server.ConnectAsync("totp", o =>
        {
            o.Transport = SftpTransport.OpenSsh;
            o.Environment = new Dictionary<string, string> { ["SFTP_TOTP_SECRET"] = "" };
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("totp"), "SFTP_TOTP_SECRET", "SFTP_PASSWORD");
            o.Prompt = (prompt, _) =>
            {
                lock (asked)
                {
                    asked.Add(prompt);
                }

                return ValueTask.FromResult<string?>(prompt.Request.StartsWith("Password", StringComparison.Ordinal)
                    ? server.EnvValue("totp", "SFTP_PASSWORD")
                    : Totp.Compute(secret, DateTimeOffset.UtcNow));
            };
        }, Ct);

        Assert.Equal(["Password: ", "Verification code: "], asked.Select(p => p.Request));
        Assert.All(asked, p => Assert.False(p.IsEchoed));

        // The transfer pool and Run are channels of the one login: nobody is asked again.
        var local = Directory.CreateTempSubdirectory("sftpi-openssh-");
        try
        {
            await s.GetAsync(server.LargeFile, Path.Combine(local.FullName, "big.bin"), new TransferOptions { Parallelism = 4 }, cancellationToken: Ct);
            Assert.Equal(new FileInfo(Path.Combine(local.FullName, "big.bin")).Length, (await s.StatAsync(server.LargeFile, Ct)).Size);
            Assert.Equal("again", (await s.RunAsync("echo again", Ct)).StdOut.Trim());
            Assert.Equal(2, asked.Count);
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OpenSsh_TotpWithoutSecretOrPrompt_SaysWhichKeyToSet()
    {
        var server = TestServer.Require("totp");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("totp", o =>
        {
            o.Transport = SftpTransport.OpenSsh;
            o.Environment = new Dictionary<string, string> { ["SFTP_TOTP_SECRET"] = "" };
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("totp"), "SFTP_TOTP_SECRET");
        }, Ct));

        Assert.Contains("Verification code", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_TOTP_SECRET", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("totp", "SFTP_PASSWORD"), e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Pinned)]
    public async Task OpenSsh_UnknownOrWrongHostKey_RefusedByOurPolicy(HostKeyPolicy policy)
    {
        var server = TestServer.Require("key");
        var empty = Path.GetTempFileName();
        try
        {
            var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => server.ConnectAsync("key", o =>
            {
                o.Transport = SftpTransport.OpenSsh;
                o.KnownHostsPath = empty;
                o.HostKeyPolicy = policy;
                o.HostKeyFingerprint = policy == HostKeyPolicy.Pinned ? "SHA256:" + new string('A', 43) : null;
            }, Ct));

            Assert.Contains(server.HostKeyFingerprint, e.Message, StringComparison.Ordinal);
            Assert.Contains(policy == HostKeyPolicy.Pinned ? "pinned" : "strict policy", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, new FileInfo(empty).Length);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task OpenSsh_AcceptNew_OurPolicyWritesTheKeyThenTrustsIt()
    {
        var server = TestServer.Require("key");
        var knownHosts = Path.Combine(Directory.CreateTempSubdirectory("sftpi-kh-").FullName, "known_hosts");
        try
        {
            await using (var s = await server.ConnectAsync("key", o => (o.Transport, o.KnownHostsPath, o.HostKeyPolicy) = (SftpTransport.OpenSsh, knownHosts, HostKeyPolicy.AcceptNew), Ct))
            {
                Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
            }

            Assert.Contains("[127.0.0.1]:" + server.Port, await File.ReadAllTextAsync(knownHosts, Ct), StringComparison.Ordinal);
            await using var again = await server.ConnectAsync("key", o => (o.Transport, o.KnownHostsPath, o.HostKeyPolicy) = (SftpTransport.OpenSsh, knownHosts, HostKeyPolicy.Strict), Ct);
            Assert.NotEmpty(await again.LsAsync(server.DataRoot, Ct));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(knownHosts)!, recursive: true);
        }
    }

    [Fact]
    public async Task OpenSsh_RunCancelled_EndsTheChannelAndTheSessionStaysUsable()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", o => o.Transport = SftpTransport.OpenSsh, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.RunAsync("sleep 30", cts.Token));

        Assert.Equal("still", (await s.RunAsync("echo still", Ct)).StdOut.Trim());
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
    }

    [Theory]
    [InlineData("sftpi-totp@127.0.0.1's password: ", "password: ")]
    [InlineData("(sftpi-totp@127.0.0.1) Verification code: ", "Verification code: ")]
    [InlineData("Enter passphrase for key '/k/id': ", "Enter passphrase for key '/k/id': ")]
    public void Askpass_QuestionWithoutTheAccountInFront(string text, string expected) =>
        Assert.Equal(expected, KeyboardInteractiveResponder.AskpassQuestion(text));

    [Theory]
    [InlineData(HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Pinned)]
    [InlineData(HostKeyPolicy.AcceptNew)]
    public void Command_HostKeyPolicy_NeverTrustsSilently(HostKeyPolicy policy)
    {
        var settings = new SftpSettings
        {
            Host = "example.org", HostAlias = "example.org", Username = "u", KnownHostsPath = "/tmp/known hosts",
            HostKeyPolicy = policy, Password = "not-on-the-command-line", PrivateKeyPaths = ["/k/id"],
        };

        var args = OpenSshCommand.Master(settings, "/tmp/d/cm", "/tmp/d/askpass");

        Assert.Contains("StrictHostKeyChecking=yes", args);
        Assert.Contains("KnownHostsCommand=/tmp/d/askpass hostkey %I %H %t %K", args);
        Assert.DoesNotContain(args, a => a.Contains("StrictHostKeyChecking=no", StringComparison.Ordinal) || a.Contains("not-on-the-command-line", StringComparison.Ordinal));
        Assert.Equal(["-M", "-S", "/tmp/d/cm", "-o", "ControlPersist=no", "-s", "--", "example.org", "sftp"], args.TakeLast(9));
        Assert.Equal(["-s", "--", "example.org", "sftp"], OpenSshCommand.Channel("/tmp/d/cm", "example.org", null).TakeLast(4));
    }

    [Fact]
    public void PipeBuffer_ChildProcessPipe_GrowsToOneMebibyte()
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        try
        {
            Assert.Equal(PipeBuffer.Wanted, PipeBuffer.Enlarge(child.StandardOutput.BaseStream));
            Assert.Equal(PipeBuffer.Wanted, PipeBuffer.Enlarge(child.StandardInput.BaseStream));
        }
        finally
        {
            child.StandardInput.Close();
            child.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Program_MissingOrTooOld_OneClearMessage()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-path-");
        try
        {
            var missing = OpenSshProgram.Find(dir.FullName).Problem;
            Assert.Contains("there is none on PATH", missing, StringComparison.Ordinal);
            Assert.Contains("openssh-client", missing, StringComparison.Ordinal);

            var old = Path.Combine(dir.FullName, "ssh");
            File.WriteAllText(old, "#!/bin/sh\necho 'OpenSSH_8.1p1 Debian, OpenSSL 1.1.1' >&2\n");
            File.SetUnixFileMode(old, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var tooOld = OpenSshProgram.Find(dir.FullName).Problem;
            Assert.Contains("needs OpenSSH 8.5 or later", tooOld, StringComparison.Ordinal);
            Assert.Contains("OpenSSH_8.1p1", tooOld, StringComparison.Ordinal);
            Assert.Contains("SFTP_TRANSPORT=sshnet", tooOld, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ProgramVersion_ParsesOpenSshBanner() =>
        Assert.Equal(new Version(9, 2), OpenSshProgram.ParseVersion("OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026"));
}
