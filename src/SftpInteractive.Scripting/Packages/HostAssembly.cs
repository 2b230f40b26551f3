namespace SftpInteractive.Scripting.Packages;

/// <summary>An assembly the host process already has.</summary>
/// <param name="Path">Its file.</param>
/// <param name="Version">Its assembly version.</param>
/// <param name="IsFramework">True for the shared framework (System.*), false for the host's own dependencies.</param>
internal sealed record HostAssembly(string Path, Version? Version, bool IsFramework);
