using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>The tool as users get it: dotnet pack, dotnet tool install from the local package, run it.</summary>
public sealed class InstallTests
{
    /// <summary>The ReadyToRun package of the platform running the tests (linux-x64 here).</summary>
    private static string HostRid =>
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    [Fact]
    public async Task Pack_Install_Run_InstallsReadyToRunPackageAndPrintsResult()
    {
        var work = Directory.CreateTempSubdirectory("sftpi-install").FullName;
        // A unique version keeps the NuGet cache from serving an older build of the same version.
        var version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        // Pack from a copy of the sources: packing in place would rebuild the sftpi that other tests are running.
        var copy = Path.Combine(work, "repo");
        CopyTree(Path.Combine(TestServer.RepoRoot, "src"), Path.Combine(copy, "src"));
        CopyTree(Path.Combine(TestServer.RepoRoot, "tests", "server"), Path.Combine(copy, "tests", "server"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            File.Copy(Path.Combine(TestServer.RepoRoot, file), Path.Combine(copy, file));
        }

        var project = Path.Combine(copy, "src", "SftpInteractive.Tool", "SftpInteractive.Tool.csproj");
        // The default pack makes every platform's package; the host's alone (plus the pointer package) keeps this quick.
        Run("dotnet", "pack", project, "-c", Tool.Configuration, "-o", Path.Combine(work, "nupkg"), $"-p:Version={version}", "-p:SftpiToolRuntimeIdentifiers=host");
        var packages = Directory.GetFiles(Path.Combine(work, "nupkg")).Select(Path.GetFileName).ToList();
        Assert.Contains($"SftpInteractive.Tool.{version}.nupkg", packages);
        Assert.Contains($"SftpInteractive.Tool.{HostRid}.{version}.nupkg", packages);
        Run("dotnet", "tool", "install", "--tool-path", Path.Combine(work, "tools"), "--add-source", Path.Combine(work, "nupkg"), "--version", version, "SftpInteractive.Tool");

        // `dotnet tool install SftpInteractive.Tool` resolved the pointer package to this platform's ReadyToRun package:
        // the tool and the compiler it hosts are precompiled.
        var installed = Directory.GetFiles(Path.Combine(work, "tools", ".store"), "sftpi.dll", SearchOption.AllDirectories);
        var dll = Assert.Single(installed);
        Assert.Contains($"sftpinteractive.tool.{HostRid}", dll, StringComparison.Ordinal);
        Assert.True(IsReadyToRun(dll), $"{dll} has no ReadyToRun code");
        Assert.True(IsReadyToRun(Path.Combine(Path.GetDirectoryName(dll)!, "Microsoft.CodeAnalysis.CSharp.dll")), "Roslyn has no ReadyToRun code");
        // Its precompiled code is not JIT-compiled again during the first seconds (a transfer's CPU goes to ssh and sshd).
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(dll, ".runtimeconfig.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(5000, settings["runtimeOptions"]!["configProperties"]!["System.Runtime.TieredCompilation.CallCountingDelayMs"]!.GetValue<int>());
        var sftpi = Path.Combine(work, "tools", "sftpi");
        var (code, output, errors) = await Tool.RunPiped(sftpi, "6*7\n", "--no-connect");
        Assert.True(code == 0, errors);
        Assert.Equal("42", output.Trim());
        var shippedScript = Directory.GetFiles(Path.Combine(work, "tools"), "sftpi-test-server", SearchOption.AllDirectories);
        Assert.NotEmpty(shippedScript);
        await RunAndConvertNotebook(sftpi, work);
    }

    /// <summary>The installed tool runs a Polyglot-style notebook headless with a parameter (a markdown cell, a cell tagged
    /// parameters, an extension class in a cell) and converts the executed notebook to .dib.</summary>
    private static async Task RunAndConvertNotebook(string sftpi, string work)
    {
        var notebook = Path.Combine(work, "job.ipynb");
        var executed = Path.Combine(work, "job-out.ipynb");
        var dib = Path.Combine(work, "job.dib");
        await File.WriteAllTextAsync(notebook, """
            {"cells": [
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["#!markdown\n", "# A job"]},
              {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null, "source": ["var n = 1;"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
               "source": ["static class Ext { public static int Twice(this int x) => x * 2; }\n", "n.Twice()"]}],
             "metadata": {"kernelspec": {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}},
             "nbformat": 4, "nbformat_minor": 5}
            """, TestContext.Current.CancellationToken);
        var (code, output, errors) = await Tool.RunPiped(sftpi, string.Empty, "run", notebook, "-p", "n=21", "--output", executed);
        Assert.True(code == 0, $"sftpi run exited {code}: {output}\n{errors}");
        var cells = JsonNode.Parse(await File.ReadAllTextAsync(executed, TestContext.Current.CancellationToken))!["cells"]!.AsArray();
        var result = cells[^1]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "execute_result")!;
        Assert.Equal("42", string.Concat(result["data"]!["text/plain"]!.AsArray().Select(l => (string?)l)));
        Assert.Contains(cells, c => c!["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "injected-parameters") == true);

        (code, output, errors) = await Tool.RunPiped(sftpi, string.Empty, "convert", executed, dib);
        Assert.True(code == 0, $"sftpi convert exited {code}: {output}\n{errors}");
        var text = await File.ReadAllTextAsync(dib, TestContext.Current.CancellationToken);
        Assert.Contains("#!markdown", text, StringComparison.Ordinal);
        Assert.Contains("n.Twice()", text, StringComparison.Ordinal);
    }

    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} timed out");
        }

        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
