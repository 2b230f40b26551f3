using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// The library in a program published as native AOT (trimmed, no JIT, no .NET runtime to start), as a user's own tool
/// built on it can be: the bench program, published with <c>-p:SftpiAot=true</c>. The library's trimming and AOT
/// analyzers (<c>IsAotCompatible</c>) check its code at every build; this runs the result against the real server over
/// both transports. The first run compiles it (about half a minute), the integration suite's second pass reuses it.
/// </summary>
public sealed class NativeAotTests : IDisposable
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-aot-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [InlineData("sshnet")]
    [InlineData("openssh")]
    public async Task NativeProgram_PutThenGet_SameBytesBack(string transport)
    {
        var server = TestServer.Require();
        var program = Published.Value;
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = Path.Combine(_local.FullName, "up.bin");
        await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(3 << 20), Ct);
        var back = Path.Combine(_local.FullName, "back.bin");

        var put = Run(program, transport, "put", source, scratch["up.bin"], server.EnvFile("key"));
        var get = Run(program, transport, "get", scratch["up.bin"], back, server.EnvFile("key"));

        Assert.Contains("3.0 MiB", put, StringComparison.Ordinal);
        Assert.Contains("verified: size", get, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(source, Ct), await File.ReadAllBytesAsync(back, Ct));
    }

    [Fact]
    public void NativeProgram_IsOneNativeExecutable()
    {
        TestServer.Require();
        var program = Published.Value;
        using (var file = File.OpenRead(program))
        {
            var magic = new byte[4];
            file.ReadExactly(magic);
            Assert.Equal("\u007fELF"u8.ToArray(), magic);
        }

        var folder = Path.GetDirectoryName(program)!;
        Assert.False(File.Exists(Path.Combine(folder, "SftpInteractive.dll")), "a native AOT program carries no managed assemblies");
        Assert.False(File.Exists(Path.Combine(folder, "SftpInteractive.Bench.runtimeconfig.json")), "a native AOT program needs no .NET runtime");
    }

    private static string Run(string program, string transport, string verb, string from, string to, string envFile)
    {
        var (code, stdout, stderr) = ProcessRunner.Run(program, [verb, from, to, "--env", envFile], Path.GetTempPath(),
            new Dictionary<string, string> { ["SFTP_TRANSPORT"] = transport }, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"{verb} over {transport} exited with {code}: {stdout}{stderr}");
        return stdout;
    }

    // One publish per test process into one folder: the OpenSSH pass of the suite finds the compiled program up to date.
    private static string Publish()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var output = Path.Combine(TestServer.RepoRoot, "artifacts", "native-aot");
        var project = Path.Combine(TestServer.RepoRoot, "bench", "SftpInteractive.Bench", "SftpInteractive.Bench.csproj");
        var (code, stdout, stderr) = ProcessRunner.Run("dotnet", ["publish", project, "-c", configuration, "-r", "linux-x64", "-p:SftpiAot=true",
            "--no-dependencies", "-o", output, "-nologo", "-clp:ErrorsOnly"], TestServer.RepoRoot, null, TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"dotnet publish -p:SftpiAot=true exited with {code}: {stdout}{stderr}");
        return Path.Combine(output, "SftpInteractive.Bench");
    }
}
