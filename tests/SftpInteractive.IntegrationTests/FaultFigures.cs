namespace SftpInteractive.IntegrationTests;

/// <summary>
/// Figures of the reliability tests for docs/reliability.md: each line goes to the test output (visible with
/// <c>--logger "console;verbosity=detailed"</c>) and, when <c>SFTPI_RELIABILITY_LOG</c> names a file, is appended to it.
/// </summary>
internal static class FaultFigures
{
    private static readonly Lock Gate = new();

    public static void Write(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SFTPI_RELIABILITY_LOG") is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
