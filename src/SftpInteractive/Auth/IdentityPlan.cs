using Renci.SshNet;
using Renci.SshNet.Security;

namespace SftpInteractive;

/// <summary>
/// Orders the public keys to offer the way OpenSSH does (sshconnect2.c, pubkey_prepare): first the agent's keys that
/// are also configured key files, then the agent's other keys (not with IdentitiesOnly), then the remaining key files.
/// A key with a user certificate (<c>CertificateFile</c>, or <c>id_*-cert.pub</c> beside the key) offers the
/// certificate first. Problems with the agent become notes, never failures: the other keys and methods still run.
/// </summary>
internal static class IdentityPlan
{
    /// <summary>The key sources, in order. Loaded key files are added to <paramref name="disposables"/>.</summary>
    /// <param name="settings">The connection's settings.</param>
    /// <param name="loadKey">Loads a key file, with a certificate file when one fits.</param>
    /// <param name="notes">Receives agent problems.</param>
    /// <param name="disposables">Receives what the caller disposes after the attempt.</param>
    /// <param name="sshOnly">Key files left to <c>ssh</c> alone, never loaded (the OpenSSH transport's FIDO keys and plain OpenSSH keys).</param>
    /// <param name="agentKeys">Receives the agent's keys, when given.</param>
    /// <exception cref="SftpInteractiveException">A key or certificate file cannot be used.</exception>
    public static List<IPrivateKeySource> Build(SftpSettings settings, Func<string, string?, PrivateKeyFile> loadKey, AuthNotes notes, List<IDisposable> disposables,
        Predicate<string>? sshOnly = null, List<AgentIdentity>? agentKeys = null)
    {
        var certificates = settings.CertificateFiles.Select(UserCertificate.Load).ToList();
        var files = settings.PrivateKeyPaths.Where(path => sshOnly?.Invoke(path) != true).Select(path => LoadFile(path, settings, certificates, loadKey)).ToList();
        var preferred = new List<IPrivateKeySource>();
        var agentOnly = new List<IPrivateKeySource>();
        if (settings.IdentityAgent is { } socket)
        {
            var agent = new SshAgentClient(socket);
            foreach (var identity in ListAgent(agent, notes))
            {
                agentKeys?.Add(identity);
                if (SftpLog.IsEnabled(SftpLogLevel.Debug))
                {
                    SftpLog.Debug($"ssh-agent key {identity.KeyType} SHA256:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(identity.KeyBlob)).TrimEnd('=')}");
                }
                if (files.FirstOrDefault(f => f.Blob.AsSpan().SequenceEqual(identity.KeyBlob)) is { } file)
                {
                    files.Remove(file);
                    file.Key?.Dispose();
                    preferred.Add(AgentSource(agent, identity, file.Certificate, notes));
                }
                else if (!settings.IdentitiesOnly)
                {
                    agentOnly.Add(AgentSource(agent, identity, certificates.FirstOrDefault(c => c.KeyBlob.AsSpan().SequenceEqual(identity.KeyBlob)), notes));
                }
            }
        }

        var fromFiles = new List<IPrivateKeySource>();
        foreach (var file in files)
        {
            if (file.Key is null && settings.DefaultKeyPaths.Contains(file.Path))
            {
                notes.Add($"skipped the default key {LocalPaths.Display(file.Path)}: {file.LoadError!.Message}");
                continue;
            }

            var key = file.Key ?? throw file.LoadError!; // encrypted, no passphrase, and not in the agent either
            disposables.Add(key);
            fromFiles.Add(key);
        }

        return [.. preferred, .. agentOnly, .. fromFiles];
    }

    private static IReadOnlyList<AgentIdentity> ListAgent(SshAgentClient agent, AuthNotes notes)
    {
        try
        {
            var identities = agent.ListIdentities();
            if (identities.Count == 0)
            {
                notes.Add($"the ssh-agent at {LocalPaths.Display(agent.SocketPath)} holds no keys (add one with ssh-add)");
            }

            return identities;
        }
        catch (IOException e)
        {
            notes.Add($"ssh-agent not used: {e.Message}");
            return [];
        }
    }

    private static HostAlgorithmSource AgentSource(SshAgentClient agent, AgentIdentity identity, UserCertificate? certificate, AuthNotes notes)
    {
        var algorithms = new List<HostAlgorithm>();
        if (certificate is not null)
        {
            algorithms.AddRange(AgentHostAlgorithm.NamesFor(certificate.Type).Select(n =>
                new AgentHostAlgorithm(n.Name, certificate.Blob, identity.KeyBlob, n.Flags, agent, notes, $"{identity} with certificate {LocalPaths.Display(certificate.Path)}")));
        }

        algorithms.AddRange(AgentHostAlgorithm.NamesFor(identity.KeyType).Select(n =>
            new AgentHostAlgorithm(n.Name, identity.Blob, identity.Blob, n.Flags, agent, notes, identity.ToString())));
        return new HostAlgorithmSource(algorithms, $"ssh-agent: {identity}");
    }

    private static FileIdentity LoadFile(string path, SftpSettings settings, List<UserCertificate> certificates, Func<string, string?, PrivateKeyFile> loadKey)
    {
        var besideKey = path + "-cert.pub";
        PrivateKeyFile key;
        byte[] blob;
        try
        {
            key = loadKey(path, null);
            blob = PublicBlob(key);
        }
        catch (SftpAuthenticationException e) when (settings.IdentityAgent is not null && File.Exists(path + ".pub"))
        {
            // An encrypted key without its passphrase can still be used when the agent holds it (OpenSSH reads the .pub).
            var publicBlob = PublicFileBlob(path + ".pub");
            return new FileIdentity(path, null, publicBlob, CertificateFor(publicBlob), e);
        }
        catch (SftpAuthenticationException e) when (settings.DefaultKeyPaths.Contains(path))
        {
            return new FileIdentity(path, null, [], null, e);
        }

        var certificate = CertificateFor(blob);
        if (certificate is not null)
        {
            key.Dispose();
            key = loadKey(path, certificate.Path);
        }

        return new FileIdentity(path, key, blob, certificate, null);

        UserCertificate? CertificateFor(byte[] keyBlob)
        {
            var candidates = File.Exists(besideKey) ? [UserCertificate.Load(besideKey), .. certificates] : certificates;
            return candidates.FirstOrDefault(c => c.KeyBlob.AsSpan().SequenceEqual(keyBlob));
        }
    }

    private static byte[] PublicBlob(PrivateKeyFile key) =>
        key.HostKeyAlgorithms.OfType<KeyHostAlgorithm>().First(a => a is not CertificateHostAlgorithm).Data;

    private static byte[] PublicFileBlob(string path)
    {
        var parts = File.ReadAllText(path).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return parts.Length >= 2 ? Convert.FromBase64String(parts[1]) : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private sealed record FileIdentity(string Path, PrivateKeyFile? Key, byte[] Blob, UserCertificate? Certificate, Exception? LoadError);
}
