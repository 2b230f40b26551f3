namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>Streams matches as they are found (<c>Find</c> collects them all).</summary>
    /// <remarks>Written here because a stream has no synchronous form to derive it with; every other verb is
    /// generated from its <see cref="VerbAttribute"/> on <see cref="SftpSession"/>.</remarks>
    public IAsyncEnumerable<RemoteEntry> FindAsync([RemotePath] string root, FindOptions? options = null, CancellationToken cancellationToken = default) =>
        Session.FindAsync(root, options, cancellationToken: cancellationToken);
}
