using SftpInteractive.Tool;
using SftpInteractive.Tool.Warm;

// An interactive start first offers itself to a warm spare (docs/warm-start.md); nothing heavy is loaded before.
if (OperatingSystem.IsLinux() && args is [WarmLauncher.SpareArgument])
{
    return await WarmSpare.RunAsync(ToolMain.InvokeAsync).ConfigureAwait(false);
}

if (OperatingSystem.IsLinux() && WarmLauncher.TryRun(args) is { } served)
{
    return served;
}

return await ToolMain.InvokeAsync(args).ConfigureAwait(false);
