namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>The browser tests share one JupyterLab server (and its build), and run one at a time: each drives a
/// Chromium and a kernel, which on a 2-core machine is load enough. Non-parallel collections never overlap the
/// other Jupyter process tests either.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JupyterLabBrowser : ICollectionFixture<JupyterLabFixture>
{
    public const string Name = "JupyterLab in Chromium";
}
