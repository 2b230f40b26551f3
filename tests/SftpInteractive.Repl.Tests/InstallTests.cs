using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>The tool as users get it: dotnet pack, dotnet tool install from the local package, run it.</summary>
public sealed class InstallTests
{
    [Fact]
    public async Task Pack_Install_Run_PrintsResult()
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
        Run("dotnet", "pack", project, "-c", Tool.Configuration, "-o", Path.Combine(work, "nupkg"), $"-p:Version={version}");
        Assert.Contains(Directory.GetFiles(Path.Combine(work, "nupkg")), f => Path.GetFileName(f).StartsWith("SftpInteractive.Tool.", StringComparison.Ordinal));
        Run("dotnet", "tool", "install", "--tool-path", Path.Combine(work, "tools"), "--add-source", Path.Combine(work, "nupkg"), "--version", version, "SftpInteractive.Tool");
        var sftpi = Path.Combine(work, "tools", "sftpi");
        var (code, output, errors) = await Tool.RunPiped(sftpi, "6*7\n", "--no-connect");
        Assert.True(code == 0, errors);
        Assert.Equal("42", output.Trim());
        var shippedScript = Directory.GetFiles(Path.Combine(work, "tools"), "sftpi-test-server", SearchOption.AllDirectories);
        Assert.NotEmpty(shippedScript);
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
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} timed out");
        }

        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
