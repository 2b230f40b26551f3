using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using SftpInteractive.Testing;

namespace SftpInteractive.Interactive.Tests;

/// <summary>The extension inside the engine's own kernels, in process: the preloaded verbs against the real test
/// server, progress as display updates, input requests, the engine's cancel, formatted values, no secret in any event.</summary>
public sealed class SftpKernelExtensionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string Connect(string envFile) =>
        $"Connect(new SftpOptions {{ EnvFile = @\"{envFile}\", Environment = new Dictionary<string, string>() }})";

    private static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "sftpi-interactive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public async Task Load_HelpAndNamespaces_ArePreloaded()
    {
        using var notebook = await NotebookKernel.StartAsync();

        var help = NotebookKernel.Returned(await notebook.RunAsync("Help()"), "text/html");
        Assert.Contains("Ls([path]) / LsAsync(...)", help, StringComparison.Ordinal);
        Assert.Contains("SearchAndDownload(", help, StringComparison.Ordinal);

        // `using SftpInteractive;` came with the verbs, and the async forms compile.
        await notebook.RunAsync("var pattern = new FindOptions { Glob = \"*.csv\" }; Func<Task> later = () => StatAsync(\"/data\", CancellationToken.None);");
        var failed = (await notebook.SubmitAsync("Ls(\"/\")", TestContext.Current.CancellationToken)).Events.OfType<CommandFailed>().Single();
        Assert.Contains("not connected: call Connect()", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageServices_PreloadedVerbs_CompleteAndShowTheirSignatures()
    {
        using var notebook = await NotebookKernel.StartAsync();
        var token = TestContext.Current.CancellationToken;

        var completions = await notebook.Kernel.SendAsync(new RequestCompletions("SearchAndDown", new LinePosition(0, 13), "csharp"), token);
        var hover = await notebook.Kernel.SendAsync(new RequestHoverText("Ls(\"/data\")", new LinePosition(0, 1), "csharp"), token);

        var items = completions.Events.OfType<CompletionsProduced>().Single().Completions.Select(c => c.DisplayText).ToList();
        Assert.Contains("SearchAndDownload", items);
        Assert.Contains("SearchAndDownloadAsync", items);
        Assert.Contains("RemoteListing Ls(", hover.Events.OfType<HoverTextProduced>().Single().Content.Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbs_AgainstTheTestServer_ConnectListFindAndFormatAsHtml()
    {
        var server = TestServer.Require("password");
        using var notebook = await NotebookKernel.StartAsync();

        Assert.Contains("connected", NotebookKernel.Returned(await notebook.RunAsync(Connect(server.EnvFile("password"))), "text/html"), StringComparison.Ordinal);
        var listing = NotebookKernel.Returned(await notebook.RunAsync("Ls(\"/data\")"), "text/html");
        Assert.Contains("<table", listing, StringComparison.Ordinal);
        Assert.Contains("WMR_Spots", listing, StringComparison.Ordinal);
        Assert.Contains("/data/WMR_Spots", NotebookKernel.Value(await notebook.RunAsync("Cd(\"/data/WMR_Spots\")"))!.ToString(), StringComparison.Ordinal);
        Assert.Contains("wmr1006.csv", NotebookKernel.Returned(await notebook.RunAsync("Find(\".\", \"wmr1006.csv\")"), "text/html"), StringComparison.Ordinal);
        Assert.Contains("README.txt", NotebookKernel.Value(await notebook.RunAsync("(await StatAsync(\"/data/README.txt\", CancellationToken.None)).Name"))!.ToString(), StringComparison.Ordinal);
        Assert.Contains(server.EnvValue("password", "SFTP_USERNAME"), NotebookKernel.Value(await notebook.RunAsync("Run(\"id -un\").StdOut"))!.ToString(), StringComparison.Ordinal);

        var password = server.EnvValue("password", "SFTP_PASSWORD");
        await notebook.RunAsync("Explain()");
        Assert.Contains("***", NotebookKernel.Returned(await notebook.RunAsync("Session.Settings"), "text/html"), StringComparison.Ordinal);
        Assert.DoesNotContain(password, notebook.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LargeFile_ProgressIsOneDisplayUpdatedInPlace()
    {
        var server = TestServer.Require("password");
        using var notebook = await NotebookKernel.StartAsync();
        var local = Path.Combine(TempDirectory(), "big.bin");
        await notebook.RunAsync(Connect(server.EnvFile("password")));

        var events = await notebook.RunAsync($"Get(\"/data/large/big.bin\", @\"{local}\")");

        var shown = events.OfType<DisplayedValueProduced>().Single();
        Assert.Contains(shown.FormattedValues, v => v.MimeType == "text/html");
        var updates = events.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.Contains("100", updates[^1].FormattedValues.Single(v => v.MimeType == "text/plain").Value, StringComparison.Ordinal);
        Assert.IsType<TransferResult>(events.OfType<ReturnValueProduced>().Single().Value);
        Assert.Equal(64L * 1024 * 1024, new FileInfo(local).Length);
    }

    [Fact]
    public async Task Connect_TotpAccountWithoutSecrets_AsksThroughTheEnginesMaskedInput()
    {
        var server = TestServer.Require("totp");
        var envFile = Path.Combine(TempDirectory(), "prompt.env");
        File.WriteAllLines(envFile, File.ReadAllLines(server.EnvFile("totp")).Where(l => !l.StartsWith("SFTP_PASSWORD=", StringComparison.Ordinal) && !l.StartsWith("SFTP_TOTP_SECRET=", StringComparison.Ordinal)));
        var password = server.EnvValue("totp", "SFTP_PASSWORD");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        using var notebook = await NotebookKernel.StartAsync();
        var requests = new List<RequestInput>();
        notebook.AnswerInputs(request =>
        {
            lock (requests)
            {
                requests.Add(request);
            }

            return request.Prompt.Contains("Password", StringComparison.Ordinal) ? password : Totp.Compute(secret, DateTimeOffset.UtcNow);
        });

        await notebook.RunAsync(Connect(envFile));
        Assert.Contains(server.EnvValue("totp", "SFTP_USERNAME"), NotebookKernel.Value(await notebook.RunAsync("Run(\"id -un\").StdOut"))!.ToString(), StringComparison.Ordinal);

        // The typed password answers the session's further connections (Run's exec channel); a verification code is
        // asked again, as it is good for one login.
        Assert.Contains("Password:", requests[0].Prompt, StringComparison.Ordinal);
        Assert.All(requests.Skip(1), r => Assert.Contains("Verification code:", r.Prompt, StringComparison.Ordinal));
        Assert.InRange(requests.Count, 2, 3);
        Assert.All(requests, r => Assert.True(r.IsPassword));
        Assert.DoesNotContain(password, notebook.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, notebook.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NoOneToAnswerThePrompt_ErrorNamesTheEnvKey()
    {
        var server = TestServer.Require("totp");
        var envFile = Path.Combine(TempDirectory(), "prompt.env");
        File.WriteAllLines(envFile, File.ReadAllLines(server.EnvFile("totp")).Where(l => !l.StartsWith("SFTP_PASSWORD=", StringComparison.Ordinal)));
        using var notebook = await NotebookKernel.StartAsync();

        var failed = (await notebook.SubmitAsync(Connect(envFile), TestContext.Current.CancellationToken)).Events.OfType<CommandFailed>().Single();

        Assert.Contains("SFTP_PASSWORD", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("totp", "SFTP_TOTP_SECRET"), notebook.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_DuringALargeDownload_StopsItAndLeavesNoFileUnderTheFinalName()
    {
        var server = TestServer.Require("password");
        using var notebook = await NotebookKernel.StartAsync();
        var local = Path.Combine(TempDirectory(), "big.bin");
        await notebook.RunAsync(Connect(server.EnvFile("password")));

        var running = notebook.SubmitAsync($"Get(\"/data/large/big.bin\", @\"{local}\", new TransferOptions {{ Parallelism = 1 }})", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => notebook.Events.OfType<DisplayedValueProduced>().Any() || running.IsCompleted, Limit, TestContext.Current.CancellationToken);

        Assert.False(running.IsCompleted, "the download ended before it could be cancelled");
        await notebook.Kernel.SendAsync(new Cancel(), TestContext.Current.CancellationToken);
        var result = await running.WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.Contains(result.Events, e => e is CommandFailed);
        Assert.False(File.Exists(local), "a cancelled download left a file under its final name");
        Assert.Equal(2, NotebookKernel.Value(await notebook.RunAsync("1 + 1")));
    }
}
