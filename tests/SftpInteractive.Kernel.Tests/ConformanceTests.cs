using System.Text.RegularExpressions;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The Jupyter project's own conformance suite, jupyter_kernel_test, against the real kernel process.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class ConformanceTests
{
    [Fact]
    public void JupyterKernelTest_Suite_Passes()
    {
        using var jupyter = JupyterEnvironment.Create("jupyter_kernel_test");

        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python,
            ["-m", "unittest", "-v", "test_sftpinteractive_kernel"], TimeSpan.FromMinutes(4), workDirOverride: JupyterEnvironment.ScriptsDir);

        // unittest reports on stderr: "Ran 12 tests in 9.1s" then "OK (skipped=2)" or "FAILED (failures=1)".
        var output = stdout + stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        var ran = Regex.Match(output, @"Ran (\d+) tests?");
        Assert.True(ran.Success, "unittest did not run: " + output);
        Assert.True(int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 12, output);
        Assert.Matches(@"(?m)^OK( \(skipped=\d+\))?\s*$", output);
        Assert.Equal(0, code);

        // Everything the suite can check is covered: only the pager sample is left out (the kernel has no pager).
        var skipped = Regex.Match(output, @"skipped=(\d+)");
        Assert.True(!skipped.Success || int.Parse(skipped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 1, output);
        Assert.Matches(@"test_clear_output \S+ \.\.\. ok", output);
    }
}
