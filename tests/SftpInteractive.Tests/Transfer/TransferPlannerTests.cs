namespace SftpInteractive.Tests.Transfer;

public sealed class TransferPlannerTests
{
    [Theory]
    [InlineData(OverwritePolicy.Never, true, true, null, TransferAction.Conflict, 0)]
    [InlineData(OverwritePolicy.Never, false, false, null, TransferAction.Transfer, 0)]
    [InlineData(OverwritePolicy.Always, true, true, null, TransferAction.Overwrite, 0)]
    [InlineData(OverwritePolicy.IfDifferent, true, true, null, TransferAction.SkipIdentical, 0)]
    [InlineData(OverwritePolicy.IfDifferent, true, false, 50L, TransferAction.Overwrite, 0)]
    [InlineData(OverwritePolicy.Resume, true, true, 50L, TransferAction.SkipIdentical, 0)]
    [InlineData(OverwritePolicy.Resume, false, false, 50L, TransferAction.Resume, 50)]
    [InlineData(OverwritePolicy.Resume, true, false, 50L, TransferAction.Resume, 50)]
    [InlineData(OverwritePolicy.Resume, false, false, 500L, TransferAction.Transfer, 0)]
    [InlineData(OverwritePolicy.Resume, false, false, 0L, TransferAction.Transfer, 0)]
    public void Decide_FollowsPolicy(OverwritePolicy policy, bool exists, bool identical, long? part, TransferAction action, long resumeFrom) =>
        Assert.Equal((action, resumeFrom), TransferPlanner.Decide(policy, exists, identical, part, 100));

    [Fact]
    public void Identical_IgnoresSubSecondDifferences()
    {
        var t = new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.True(TransferPlanner.Identical(10, t, 10, t.AddMilliseconds(400)));
        Assert.False(TransferPlanner.Identical(10, t, 10, t.AddSeconds(2)));
        Assert.False(TransferPlanner.Identical(10, t, 11, t));
    }

    [Fact]
    public void ForDownloadTree_HostileNames_BecomeErrorsAndOthersArePlanned()
    {
        var root = Path.Combine(Path.GetTempPath(), "sftpi-plan-" + Guid.NewGuid().ToString("N"));
        RemoteEntry File(string path) => new(path.Split('/')[^1], "/r/" + path, RemoteEntryType.File, 10, DateTime.UnixEpoch, 420, 0, 0);
        var files = new[]
        {
            (File("a/ok.csv"), "a/ok.csv"),
            (File("evil"), "../evil"),
            (File("abs"), "/etc/abs"),
            (File("bs"), "a\\..\\..\\bs"),
        };

        var plan = TransferPlanner.ForDownloadTree("/r", root, files, [], OverwritePolicy.Resume);

        var item = Assert.Single(plan);
        Assert.Equal(Path.Combine(root, "a", "ok.csv"), item.Destination);
        Assert.Equal(TransferAction.Transfer, item.Action);
        Assert.Equal(3, plan.Failures.Count);
        Assert.All(plan.Failures, f => Assert.Contains("Refused", f.Message, StringComparison.Ordinal));
        Assert.Contains("1 to move", plan.Summary, StringComparison.Ordinal);
        Assert.Contains("ok.csv", plan.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ForDownload_ExistingIdenticalAndPart_AreDetected()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-plan").FullName;
        var mtime = new DateTime(2025, 5, 5, 5, 5, 5, DateTimeKind.Utc);
        var same = Path.Combine(dir, "same.bin");
        System.IO.File.WriteAllBytes(same, new byte[10]);
        System.IO.File.SetLastWriteTimeUtc(same, mtime);
        var partial = Path.Combine(dir, "partial.bin");
        System.IO.File.WriteAllBytes(partial + ".part", new byte[4]);
        var entry = new RemoteEntry("x", "/r/x", RemoteEntryType.File, 10, mtime, 420, 0, 0);

        Assert.Equal(TransferAction.SkipIdentical, TransferPlanner.ForDownload(entry, same, "same.bin", OverwritePolicy.Resume).Action);
        var resume = TransferPlanner.ForDownload(entry, partial, "partial.bin", OverwritePolicy.Resume);
        Assert.Equal((TransferAction.Resume, 4L, 6L), (resume.Action, resume.ResumeFrom, resume.BytesToMove));
        Directory.Delete(dir, true);
    }
}
