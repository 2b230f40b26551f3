using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The protocol as a client sees it, with the kernel in-process over real NetMQ sockets and a fake engine.</summary>
public sealed class KernelProtocolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Exec(string code, bool stopOnError = true, bool allowStdin = false, bool silent = false) => new()
    {
        ["code"] = code, ["silent"] = silent, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
        ["allow_stdin"] = allowStdin, ["stop_on_error"] = stopOnError,
    };

    [Theory]
    [InlineData("shell")]
    [InlineData("control")]
    public async Task KernelInfo_OnShellAndControl_RepliesWithLanguageInfoInsideBusyIdle(string channel)
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send(channel, "kernel_info_request");

        var reply = kernel.Client.Reply(channel, id);
        var iopub = kernel.Client.IopubUntilIdle(id);

        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("csharp", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".csx", reply.Content["language_info"]!["file_extension"]!.GetValue<string>());
        Assert.Equal("sftpinteractive", reply.Content["implementation"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Header["version"]!.GetValue<string>());
        Assert.Equal(["busy", "idle"], iopub.Select(m => m.Content["execution_state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Execute_Value_PublishesInputStreamResultThenRepliesOk()
    {
        await using var kernel = new InProcessKernel();
        var printId = kernel.Client.Send("shell", "execute_request", Exec("print hello, world"));
        var printIopub = kernel.Client.IopubUntilIdle(printId);
        var id = kernel.Client.Send("shell", "execute_request", Exec("42"));

        var reply = kernel.Client.Reply("shell", id);
        var iopub = kernel.Client.IopubUntilIdle(id);

        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal(2, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(["status", "execute_input", "execute_result", "status"], iopub.Select(m => m.MessageType));
        var result = iopub[2].Content;
        Assert.Equal("42", result["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("<b>42</b>", result["data"]!["text/html"]!.GetValue<string>());
        Assert.NotNull(iopub[2].Metadata);

        // Written one character at a time, sent as one batch.
        var streams = printIopub.Where(m => m.MessageType == "stream").ToList();
        Assert.Single(streams);
        Assert.Equal("hello, world\n", streams[0].Content["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_Failure_PublishesErrorAndRepliesErrorWithPositions()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("fail"));

        var reply = kernel.Client.Reply("shell", id);
        var iopub = kernel.Client.IopubUntilIdle(id);

        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("CS0103", reply.Content["ename"]!.GetValue<string>());
        var error = Assert.Single(iopub, m => m.MessageType == "error");
        Assert.Contains(error.Content["traceback"]!.AsArray(), t => t!.GetValue<string>().StartsWith("(1,5): error CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_FailureWithStopOnError_AbortsQueuedCells()
    {
        await using var kernel = new InProcessKernel();
        var wait = kernel.Client.Send("shell", "execute_request", Exec("wait"));
        await kernel.Engine.Started.Task.WaitAsync(Wait, Ct);
        var queued = kernel.Client.Send("shell", "execute_request", Exec("never runs"));
        await Task.Delay(300, Ct);

        kernel.Client.Send("control", "interrupt_request");
        var first = kernel.Client.Reply("shell", wait);
        var second = kernel.Client.Reply("shell", queued);

        Assert.Equal("error", first.Content["status"]!.GetValue<string>());
        Assert.Equal("abort", second.Content["status"]!.GetValue<string>());
        Assert.DoesNotContain("never runs", kernel.Engine.History);
    }

    [Fact]
    public async Task Interrupt_CellIgnoringToken_EndsAsCancelledAndKernelStaysUsable()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("ignore", stopOnError: false));
        await kernel.Engine.Started.Task.WaitAsync(Wait, Ct);

        var started = DateTime.UtcNow;
        var interrupt = kernel.Client.Send("control", "interrupt_request");
        Assert.Equal("interrupt_reply", kernel.Client.Reply("control", interrupt).MessageType);
        var reply = kernel.Client.Reply("shell", id);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
        Assert.Equal("Cancelled", reply.Content["ename"]!.GetValue<string>());
        var next = kernel.Client.Send("shell", "execute_request", Exec("1"));
        Assert.Equal("ok", kernel.Client.Reply("shell", next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_WhileACellRuns_Answers()
    {
        await using var kernel = new InProcessKernel();
        var run = kernel.Client.Send("shell", "execute_request", Exec("wait"));
        await kernel.Engine.Started.Task.WaitAsync(Wait, Ct);

        var id = kernel.Client.Send("shell", "complete_request", new JsonObject { ["code"] = "s.L", ["cursor_pos"] = 3 });
        var reply = kernel.Client.Reply("shell", id, TimeSpan.FromSeconds(5));

        Assert.Equal(["Length", "LastIndexOf"], reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(2, reply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(3, reply.Content["cursor_end"]!.GetValue<int>());
        kernel.Client.Send("control", "interrupt_request");
        kernel.Client.Reply("shell", run);
    }

    [Fact]
    public async Task Complete_CursorAfterEmoji_CountsCodePoints()
    {
        await using var kernel = new InProcessKernel();
        var code = "\"😀\".L";
        var id = kernel.Client.Send("shell", "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = 5 });

        var reply = kernel.Client.Reply("shell", id);

        Assert.Equal(4, reply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(5, reply.Content["cursor_end"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prompt_WithAllowStdin_SendsMaskedInputRequestAndUsesTheReply()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("prompt", allowStdin: true));

        var request = kernel.Client.Receive("stdin", Wait);
        Assert.NotNull(request);
        Assert.Equal("input_request", request.MessageType);
        Assert.True(request.Content["password"]!.GetValue<bool>());
        Assert.Equal(id, request.ParentHeader["msg_id"]!.GetValue<string>());
        kernel.Client.SendRaw("stdin", kernel.Client.Factory.Reply(request, "input_reply", new JsonObject { ["value"] = "hunter2-otp" }));
        kernel.Client.Reply("shell", id);
        var iopub = kernel.Client.IopubUntilIdle(id);

        // The answer to a masked prompt is a secret from then on.
        var result = Assert.Single(iopub, m => m.MessageType == "execute_result");
        Assert.Equal("got " + Redactor.Mask, result.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Interrupt_WhileWaitingForInput_CancelsTheCell()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("prompt", allowStdin: true));
        Assert.NotNull(kernel.Client.Receive("stdin", Wait));

        kernel.Client.Send("control", "interrupt_request");
        var reply = kernel.Client.Reply("shell", id);

        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        var next = kernel.Client.Send("shell", "execute_request", Exec("1"));
        Assert.Equal("ok", kernel.Client.Reply("shell", next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prompt_WithoutStdin_HelperGetsNullAndReportsTheEnvKey()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("prompt", allowStdin: false));

        var reply = kernel.Client.Reply("shell", id);

        Assert.Contains("SFTP_PASSWORD", reply.Content["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Display_WithId_SendsDisplayDataThenUpdateWithTransientId()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "execute_request", Exec("display"));

        var iopub = kernel.Client.IopubUntilIdle(id);

        var display = Assert.Single(iopub, m => m.MessageType == "display_data");
        var update = Assert.Single(iopub, m => m.MessageType == "update_display_data");
        Assert.Equal("p1", display.Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("p1", update.Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("100%", update.Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.NotNull(display.Content["data"]!["text/html"]);
    }

    [Fact]
    public async Task Stream_WithRegisteredSecret_IsRedacted()
    {
        await using var kernel = new InProcessKernel();
        Redactor.Register("S3cr3t-Pa55word");
        var id = kernel.Client.Send("shell", "execute_request", Exec("eprint the password is S3cr3t-Pa55word"));

        var iopub = kernel.Client.IopubUntilIdle(id);

        var stream = Assert.Single(iopub, m => m.MessageType == "stream");
        Assert.Equal("stderr", stream.Content["name"]!.GetValue<string>());
        Assert.Equal($"the password is {Redactor.Mask}\n", stream.Content["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_SecretWrittenInTwoPiecesAcrossATick_IsStillRedacted()
    {
        await using var kernel = new InProcessKernel();
        Redactor.Register("Split-Secret-0042");
        var id = kernel.Client.Send("shell", "execute_request", Exec("slowprint Split-Secret-0042"));

        var iopub = kernel.Client.IopubUntilIdle(id);

        var text = string.Concat(iopub.Where(m => m.MessageType == "stream").Select(m => m.Content["text"]!.GetValue<string>()));
        Assert.Equal(Redactor.Mask + "\n", text);
    }

    [Fact]
    public async Task Request_WithBadSignature_IsDropped()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("shell", "kernel_info_request", signatureOverride: new string('0', 64));

        Assert.Null(kernel.Client.Receive("shell", TimeSpan.FromSeconds(1)));
        Assert.Contains("invalid signature", kernel.Log.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task IsCompleteInspectHistoryCommInfo_Answer()
    {
        await using var kernel = new InProcessKernel();
        var c = kernel.Client;
        c.Reply("shell", c.Send("shell", "execute_request", Exec("a1")));
        c.Reply("shell", c.Send("shell", "execute_request", Exec("a2")));

        var incomplete = c.Reply("shell", c.Send("shell", "is_complete_request", new JsonObject { ["code"] = "if (true) {" }));
        var invalid = c.Reply("shell", c.Send("shell", "is_complete_request", new JsonObject { ["code"] = "var = ;" }));
        var inspect = c.Reply("shell", c.Send("shell", "inspect_request", new JsonObject { ["code"] = "s.Length", ["cursor_pos"] = 8, ["detail_level"] = 0 }));
        var history = c.Reply("shell", c.Send("shell", "history_request", new JsonObject { ["output"] = true, ["raw"] = true, ["hist_access_type"] = "tail", ["n"] = 1 }));
        var comms = c.Reply("shell", c.Send("shell", "comm_info_request", new JsonObject()));

        Assert.Equal("incomplete", incomplete.Content["status"]!.GetValue<string>());
        Assert.Equal("    ", incomplete.Content["indent"]!.GetValue<string>());
        Assert.Equal("invalid", invalid.Content["status"]!.GetValue<string>());
        Assert.True(inspect.Content["found"]!.GetValue<bool>());
        Assert.Equal("""[[1,2,["a2","a2"]]]""", history.Content["history"]!.ToJsonString());
        Assert.Empty(comms.Content["comms"]!.AsObject());
    }

    [Fact]
    public async Task Shutdown_RepliesAndStopsTheHost()
    {
        await using var kernel = new InProcessKernel();
        var id = kernel.Client.Send("control", "shutdown_request", new JsonObject { ["restart"] = true });

        var reply = kernel.Client.Reply("control", id);
        var restart = await kernel.Run.WaitAsync(Wait, Ct);

        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(restart);
    }
}
