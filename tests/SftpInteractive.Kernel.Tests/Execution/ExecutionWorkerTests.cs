using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Execution;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Kernel.Tests.Fakes;
using SftpInteractive.Kernel.Transport;

namespace SftpInteractive.Kernel.Tests.Execution;

/// <summary>The execution worker on its own, with real sockets underneath and a fake engine.</summary>
public sealed class ExecutionWorkerTests
{
    private static readonly MessageFactory Factory = new("worker-tests", "tester", TimeProvider.System);

    private static JupyterMessage Execute(string code, bool stopOnError = true) =>
        new([], Factory.Header("execute_request"), [], [], new JsonObject
        {
            ["code"] = code, ["silent"] = false, ["store_history"] = true, ["allow_stdin"] = false, ["stop_on_error"] = stopOnError,
        }, []);

    [Fact]
    public async Task Execute_ArrivingRightAfterAFailedCellsReply_RunsInsteadOfBeingAborted()
    {
        // The CI failure this pins: jupyter_client sent "1+1" the moment it saw the interrupted cell's error reply, and
        // the worker, still finishing that cell, aborted it as if it had been queued before the failure.
        var dir = Directory.CreateTempSubdirectory("sftpi-worker-").FullName;
        try
        {
            var connection = ConnectionInfo.Load(TestKernelClient.WriteConnectionFile(dir));
            using var sockets = new KernelSockets(connection, new MessageSigner(connection.Key), TextWriter.Null);
            sockets.Start();
            var output = new KernelOutput(sockets, Factory);
            var engine = new FakeEngine();
            var failing = Execute("fail");
            var queuedBefore = Execute("queued before the failure was reported");
            var sentAfter = Execute("sent after the error reply");
            ExecutionWorker? worker = null;
            worker = new ExecutionWorker(engine, output, new StdinPrompter(output), new KernelHistory(), replied: request =>
            {
                // A client as fast as possible: the next cell is in the queue before the worker takes another step.
                if (request == failing)
                {
                    worker!.Enqueue(sentAfter);
                }
            });
            using var stop = new CancellationTokenSource();
            worker.Enqueue(failing);
            worker.Enqueue(queuedBefore);
            var run = worker.RunAsync(stop.Token);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!engine.History.Contains(sentAfter.Content["code"]!.GetValue<string>()) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            Assert.Equal(["fail", "sent after the error reply"], engine.History);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
