using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The executed tutorials in notebooks/ exported as Jupyter's "Download as HTML" does (the system's
/// <c>jupyter nbconvert --to html</c>) and read in Chromium: every image and SVG has a size, no table is longer than
/// <see cref="DisplayOptions.MaxRows"/> rows and the "… more rows" line, and the tables stay tables when scripts and
/// style sheets are stripped (GitHub, nbviewer). Every image draws something, every inline SVG holds shapes, and no
/// page fetches anything from the network (read offline).</summary>
public sealed class ExportedTutorialsTests
{
    internal static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void ExportedTutorials_InChromium_ImagesHaveASizeAndTablesStayBounded()
    {
        var notebooks = Directory.GetFiles(Path.Combine(TestServer.RepoRoot, "notebooks"), "*.ipynb").Order().ToList();
        var work = Directory.CreateTempSubdirectory("sftpi-export-").FullName;
        try
        {
            var pages = Export(notebooks, work);
            var (nodePath, chromium) = Playwright();
            var shot = Path.Combine(work, "03.png");
            var page03 = pages.Single(p => Path.GetFileName(p).StartsWith("03-", StringComparison.Ordinal));
            var (code, stdout, stderr) = ProcessRunner.Run("node",
                [Path.Combine(TestServer.RepoRoot, "tests", "tools", "playwright", "check-exported-pages.js"), chromium, "--screenshot", $"{page03}={shot}", .. pages],
                work, new Dictionary<string, string> { ["NODE_PATH"] = nodePath }, Limit);
            Assert.True(code == 0, $"the browser check failed ({code}): {stderr}");

            var reports = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal(pages.Count, reports.Count);
            foreach (var report in reports)
            {
                var page = Path.GetFileName(report["file"]!.GetValue<string>());
                Assert.Empty(report["errors"]!.AsArray());
                foreach (var image in report["images"]!.AsArray().Concat(report["svgs"]!.AsArray()))
                {
                    Assert.True(image!["width"]!.GetValue<int>() > 0 && image["height"]!.GetValue<int>() > 0, $"{page}: an image without a size: {image.ToJsonString()}");
                }

                Assert.All(report["images"]!.AsArray(), i => Assert.True(i!["natural"]!.GetValue<int>() > 0, $"{page}: an image that did not load"));
                // Drawn, not only sized: nbconvert 6.5 kept an SVG output's <svg> box and dropped its shapes.
                Assert.All(report["images"]!.AsArray(), i => Assert.True(i!["inked"]!.GetValue<int>() > 0, $"{page}: an image that draws nothing: {i.ToJsonString()}"));
                Assert.All(report["svgs"]!.AsArray(), s => Assert.True(s!["shapes"]!.GetValue<int>() > 0, $"{page}: an empty SVG: {s.ToJsonString()}"));
                Assert.True(report["offline"]!.AsArray().Count == 0, $"{page}: fetches from the network: {report["offline"]!.ToJsonString()}");
                var tables = report["tables"]!.AsArray().Select(t => t!["rows"]!.GetValue<int>()).ToList();
                var stripped = report["stripped"]!["tables"]!.AsArray().Select(t => t!["rows"]!.GetValue<int>()).ToList();
                Assert.NotEmpty(tables);
                Assert.All(tables, rows => Assert.True(rows <= DisplayOptions.DefaultMaxRows + 1, $"{page}: a table of {rows} rows"));
                Assert.Equal(tables, stripped);
            }

            var chart = reports.Single(r => r["file"]!.GetValue<string>() == page03);
            // The chart as PNG and as SVG (the SVG output's HTML image, which exporters prefer to the SVG markup).
            Assert.Equal(2, chart["images"]!.AsArray().Count);
            Assert.Contains(chart["images"]!.AsArray(), i => i!["src"]!.GetValue<string>().StartsWith("data:image/svg+xml", StringComparison.Ordinal));
            Assert.Contains(chart["tables"]!.AsArray(), t => t!["more"]!.GetValue<bool>());
            Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is empty");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Every committed tutorial through the system's nbconvert (Debian's jupyter-nbconvert, as a teacher
    /// exports one); the HTML pages.</summary>
    internal static List<string> Export(List<string> notebooks, string work)
    {
        const string nbconvert = "/usr/bin/jupyter-nbconvert";
        if (!File.Exists(nbconvert))
        {
            Assert.Skip("jupyter-nbconvert is not installed: apt-get install jupyter-nbconvert");
        }

        var (code, _, stderr) = ProcessRunner.Run(nbconvert, ["--to", "html", "--output-dir", work, .. notebooks], work, null, Limit);
        Assert.True(code == 0, $"nbconvert failed ({code}): {stderr}");
        return [.. notebooks.Select(n => Path.Combine(work, Path.ChangeExtension(Path.GetFileName(n), ".html")))];
    }

    internal static (string NodePath, string Chromium) Playwright()
    {
        var (code, stdout, stderr) = ProcessRunner.Run(Path.Combine(TestServer.RepoRoot, "tests", "tools", "install-playwright"), [], TestServer.RepoRoot, null, Limit);
        if (code != 0)
        {
            Assert.Skip("Chromium or playwright-core could not be installed: " + stderr.Trim());
        }

        var values = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        return (values["PLAYWRIGHT_NODE_PATH"], values["CHROMIUM"]);
    }
}
