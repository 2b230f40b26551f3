using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>ScottPlot draws through SkiaSharp's native library, found in the package's runtimes/linux-x64/native.</summary>
public sealed class ScottPlotTests(ScottPlotSession session) : IClassFixture<ScottPlotSession>
{
    private const string Plot = "var plt = new ScottPlot.Plot(); plt.Add.Scatter(new double[]{1,2,3}, new double[]{1,4,9});\n";

    [Fact]
    public async Task ScottPlot_GetImageBytes_ReturnsPng()
    {
        PackageAssert.Ok(session.Restore!);
        var result = PackageAssert.Ok(await session.Engine.ExecuteAsync(
            Plot + "plt.GetImageBytes(400, 300, ScottPlot.ImageFormat.Png)", new RecordingSink(), TestContext.Current.CancellationToken));
        var png = Assert.IsType<byte[]>(result.Value);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 1000, $"{png.Length} bytes");
    }

    [Fact]
    public async Task ScottPlot_GetSvgXml_ReturnsSvg()
    {
        PackageAssert.Ok(session.Restore!);
        var result = PackageAssert.Ok(await session.Engine.ExecuteAsync(
            Plot + "plt.GetSvgXml(400, 300)", new RecordingSink(), TestContext.Current.CancellationToken));
        Assert.Matches(@"^(<\?xml[^>]*\?>\s*)?<svg ", Assert.IsType<string>(result.Value));
    }

    [Fact]
    public void ScottPlot_Restore_ReportsDependencies()
    {
        var (final, _) = Assert.Single(session.RestoreSink.Updates);
        Assert.Matches(@"^Installed ScottPlot 5\.1\.59 \(and \d+ dependencies\) in \d+\.\d\d s", final.Text);
    }
}
