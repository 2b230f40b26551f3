using System.Diagnostics;

namespace SftpInteractive;

/// <summary>The OpenSSH transport's checks before its master starts, so both transports fail alike and early: the
/// algorithm lists against what this <c>ssh</c> implements, every key file that is not a plain OpenSSH key
/// (<see cref="PlainOpenSshKey"/>) through the same loader as SSH.NET (encrypted without a passphrase, wrong
/// passphrase, not a key), the agent's keys (notes when it is missing or empty), and the methods the settings make
/// possible. A PuTTY key, which ssh cannot read, is handed to it converted.</summary>
internal sealed partial class SshConnector
{
    private static readonly string[] SshNetMethods = ["publickey", "password", "keyboard-interactive"];

    /// <summary>The methods, notes and agent keys of the last OpenSSH login plan (for its error message).</summary>
    private (IReadOnlyList<string> Methods, AuthNotes Notes, IReadOnlyList<AgentIdentity> AgentKeys) _openSshPlan = ([], new AuthNotes(), []);

    /// <summary>Checks what the master will offer and returns the key files it converted for ssh into
    /// <paramref name="keyDirectory"/>, the master's private directory: each PuTTY key's path → its OpenSSH copy, the
    /// target's and the jump hosts' (a hop offers the target's keys unless ssh_config gives it its own).</summary>
    /// <exception cref="SftpConfigException">An algorithm ssh does not implement, or no credentials at all.</exception>
    /// <exception cref="SftpAuthenticationException">A key file that cannot be used.</exception>
    private IReadOnlyDictionary<string, string> PlanOpenSshLogin(string keyDirectory)
    {
        CheckOpenSshAlgorithms();
        var notes = new AuthNotes();
        var agentKeys = new List<AgentIdentity>();
        var disposables = new List<IDisposable>();
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        // FIDO keys and plain OpenSSH keys are ssh's to read: not loaded here (PlainOpenSshKey checks the latter).
        var sshReads = settings.PrivateKeyPaths.Where(path => IsSecurityKey(path) || PlainOpenSshKey.Check(path)).ToHashSet(StringComparer.Ordinal);
        try
        {
            var keys = IdentityPlan.Build(settings, (path, certificate) =>
            {
                var key = KeyFileLoader.Load(path, settings.Passphrase, certificate);
                ConvertForSsh(key, path, keyDirectory, converted);
                return key;
            }, notes, disposables, sshReads.Contains, agentKeys);
            ConvertJumpHostKeys(keyDirectory, converted);
            List<string> methods = [];
            if (keys.Count > 0 || sshReads.Count > 0)
            {
                methods.Add("publickey");
            }

            if (settings.Password is not null)
            {
                methods.Add("password");
            }

            if (settings.Password is not null || settings.TotpSecret is not null || settings.Prompt is not null)
            {
                methods.Add("keyboard-interactive");
            }

            if (settings.PreferredAuthentications.Count > 0)
            {
                // As ssh does: only the listed ones; a method only ssh knows (gssapi-with-mic, hostbased) stays.
                methods = [.. settings.PreferredAuthentications.Where(m => methods.Contains(m) || !SshNetMethods.Contains(m)).Distinct()];
            }

            if (methods.Count == 0 && settings.PreferredAuthentications.Count == 0)
            {
                methods = [.. SshOnlyMethods()]; // Kerberos or host-based, which ssh_config may turn on: ssh's to try
            }

            if (methods.Count == 0)
            {
                throw new SftpConfigException($"No credentials for {settings.Target}: set {SettingKeys.Password} or {SettingKeys.PrivateKey} in your .env, " +
                    "load a key into ssh-agent, or pass a prompt handler to be asked interactively." + notes.Suffix);
            }

            _openSshPlan = (methods, notes, agentKeys);
            SftpLog.Info($"authentication methods to try: {string.Join(", ", methods)}");
            HostKeyVerifier.LoadHashing(); // here beside ssh's start, not in its key exchange
            return converted;
        }
        finally
        {
            foreach (var d in disposables)
            {
                d.Dispose();
            }
        }
    }

    /// <summary>True when a key file of the target or of a jump host is a PuTTY key, which the plan converts for ssh
    /// before ssh starts.</summary>
    private bool HasPuttyKeys() =>
        settings.PrivateKeyPaths.Concat(Enumerable.Range(0, settings.JumpHosts.Count).SelectMany(i => JumpHostSettings.For(settings, i).PrivateKeyPaths))
            .Any(OpenSshKeyFile.IsPutty);

    // A PuTTY key, which ssh cannot read, written as an OpenSSH key into the master's private directory (once per file).
    private static void ConvertForSsh(Renci.SshNet.PrivateKeyFile key, string path, string keyDirectory, Dictionary<string, string> converted)
    {
        if (!converted.ContainsKey(path) && OpenSshKeyFile.IsPutty(path))
        {
            var copy = Path.Combine(keyDirectory, $"id-{converted.Count}");
            OpenSshKeyFile.Write(key, path, copy);
            converted[path] = copy;
        }
    }

    // A jump host's PuTTY keys (the target's, which it offers too, are converted already): loaded with the hop's own
    // passphrase, so a key ssh cannot read never reaches the hop's ssh. Problems name the hop.
    private void ConvertJumpHostKeys(string keyDirectory, Dictionary<string, string> converted)
    {
        for (var i = 0; i < settings.JumpHosts.Count; i++)
        {
            var hop = JumpHostSettings.For(settings, i);
            foreach (var path in hop.PrivateKeyPaths.Where(p => !converted.ContainsKey(p) && OpenSshKeyFile.IsPutty(p)))
            {
                try
                {
                    using var key = KeyFileLoader.Load(path, hop.Passphrase, null);
                    ConvertForSsh(key, path, keyDirectory, converted);
                }
                catch (SftpAuthenticationException) when (hop.DefaultKeyPaths.Contains(path))
                {
                    // A default key (~/.ssh/id_*) that cannot be used is skipped, as for the target.
                }
                catch (SftpAuthenticationException e)
                {
                    throw OnJumpHost(e, i + 1, hop);
                }
            }
        }
    }

    /// <summary>The notes for a failed OpenSSH login: the plan's, and an agent that refused to sign (ssh says
    /// <c>signing failed for ED25519 "comment" from agent: agent refused operation</c>).</summary>
    private AuthNotes OpenSshNotes(string said)
    {
        var notes = _openSshPlan.Notes;
        foreach (var part in said.Split("signing failed for ", StringSplitOptions.None).Skip(1))
        {
            var quoted = part.Split('"');
            if (quoted.Length < 3 || !quoted[2].StartsWith(" from agent: agent refused operation", StringComparison.Ordinal))
            {
                continue;
            }

            var key = _openSshPlan.AgentKeys.FirstOrDefault(k => k.Comment == quoted[1]);
            notes.Add($"the ssh-agent refused to sign with {key?.ToString() ?? $"{quoted[0].Trim()} ({quoted[1]})"} (key removed from the agent, or confirmation denied)");
        }

        return notes;
    }

    // The methods only ssh offers (GSSAPIAuthentication, HostbasedAuthentication), as `ssh -G` resolves them for this
    // host from the same ssh_config; asked only when nothing else could log in.
    private IEnumerable<string> SshOnlyMethods()
    {
        var config = settings.SshConfigFiles.Count == 0 ? "/dev/null" : settings.SshConfigFiles[0];
        using var process = Process.Start(new ProcessStartInfo(OpenSshProgram.Path,
            ["-G", "-T", "-F", config, "-p", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", settings.Username, "--", settings.Host])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var said = process.StandardError.ReadToEndAsync();
        var resolved = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries);
        _ = said.Result; // a warning of ssh's own, not ours to show
        process.WaitForExit();
        if (resolved.Contains("gssapiauthentication yes"))
        {
            yield return "gssapi-with-mic";
        }

        if (resolved.Contains("hostbasedauthentication yes"))
        {
            yield return "hostbased";
        }
    }

    // A FIDO key (sk-…): only ssh can use it; its .pub says so.
    private static bool IsSecurityKey(string path)
    {
        try
        {
            return File.Exists(path + ".pub") && File.ReadAllText(path + ".pub").TrimStart().StartsWith("sk-", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void CheckOpenSshAlgorithms()
    {
        foreach (var (key, spec, query) in (ReadOnlySpan<(string, string?, string)>)[
            (SettingKeys.KexAlgorithms, settings.KexAlgorithms, "kex"), (SettingKeys.Ciphers, settings.Ciphers, "cipher"),
            (SettingKeys.Macs, settings.Macs, "mac"), (SettingKeys.HostKeyAlgorithms, settings.HostKeyAlgorithms, "HostKeyAlgorithms")])
        {
            if (!string.IsNullOrWhiteSpace(spec))
            {
                var known = SshQuery(query).ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
                AlgorithmChoice.Apply(known, spec, key, settings.SourceOf(key), $"OpenSSH {OpenSshProgram.Version}");
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> SshQueries = new(StringComparer.Ordinal);

    // `ssh -Q kex|cipher|mac|HostKeyAlgorithms`: what this ssh implements, asked once per process.
    private static string[] SshQuery(string what) => SshQueries.GetOrAdd(what, w =>
    {
        using var process = Process.Start(new ProcessStartInfo(OpenSshProgram.Path, ["-Q", w])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    });
}
