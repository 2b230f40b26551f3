namespace SftpInteractive.Tests.Session;

/// <summary>The one ambient value of a running submission: the host's context is what the verbs' cancellation, host
/// and label read; the older single-purpose scopes change one part of it and leave the rest.</summary>
public sealed class SubmissionContextTests
{
    [Fact]
    public void Enter_HostContext_IsWhatCancellationVerbHostAndLabelRead()
    {
        using var cts = new CancellationTokenSource();
        var host = new NullHost();
        using (new SubmissionContext { Token = cts.Token, Host = host, Label = "cell [9]" }.Enter())
        {
            Assert.Equal(cts.Token, SftpCancellation.Current);
            Assert.Same(host, VerbHost.Current);
            Assert.Equal("cell [9]", SubmissionContext.Current!.Label);
        }

        Assert.Null(SubmissionContext.Current);
        Assert.False(SftpCancellation.Current.CanBeCanceled);
        Assert.Null(VerbHost.Current);
    }

    [Fact]
    public void Use_OnePart_KeepsTheRestAndRestoresOnDispose()
    {
        using var cts = new CancellationTokenSource();
        var host = new NullHost();
        using (new SubmissionContext { Token = cts.Token, Label = "cell [1]" }.Enter())
        {
            using (VerbHost.Use(host))
            {
                Assert.Same(host, VerbHost.Current);
                Assert.Equal(cts.Token, SftpCancellation.Current);
                Assert.Equal("cell [1]", SubmissionContext.Current!.Label);
            }

            Assert.Null(VerbHost.Current);
            Assert.Equal(cts.Token, SftpCancellation.Current);
        }
    }

    [Fact]
    public async Task Enter_FlowsIntoTasksStartedBySubmission()
    {
        using var cts = new CancellationTokenSource();
        using (new SubmissionContext { Token = cts.Token }.Enter())
        {
            var seen = await Task.Run(() => SftpCancellation.Current, TestContext.Current.CancellationToken);
            Assert.Equal(cts.Token, seen);
        }
    }

    private sealed class NullHost : IVerbHost
    {
        public PromptHandler? Prompt => null;

        public IProgressDisplay StartProgress() => throw new NotSupportedException();

        public void Notice(string message)
        {
        }
    }
}
