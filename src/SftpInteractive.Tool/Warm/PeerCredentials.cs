using System.Runtime.Versioning;
using System.Net.Sockets;

namespace SftpInteractive.Tool.Warm;

/// <summary>Who is at the other end of a Unix socket, as the kernel says (SO_PEERCRED): both sides check it is the
/// same user, and the launcher learns the spare's pid from it (the one its signals go to).</summary>
[SupportedOSPlatform("linux")]
internal readonly record struct PeerCredentials(int Pid, uint Uid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    public static PeerCredentials Of(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 8)
        {
            throw new IOException("SO_PEERCRED gave no credentials");
        }

        return new PeerCredentials(BitConverter.ToInt32(ucred), BitConverter.ToUInt32(ucred[4..]));
    }

    public bool IsThisUser => Uid == Libc.GetUid();
}
