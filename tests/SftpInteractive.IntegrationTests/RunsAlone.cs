namespace SftpInteractive.IntegrationTests;

/// <summary>Tests that measure process-wide resources (file descriptors, threads, memory) run alone, after the
/// parallel ones, so other tests' connections do not count against them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
