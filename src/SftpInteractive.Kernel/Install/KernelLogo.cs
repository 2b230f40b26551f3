namespace SftpInteractive.Kernel;

/// <summary>The kernelspec's <c>logo-svg.svg</c>, which JupyterLab shows in its launcher and kernel picker.</summary>
internal static class KernelLogo
{
    public const string FileName = "logo-svg.svg";

    public const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
          <rect width="64" height="64" rx="10" fill="#512bd4"/>
          <text x="32" y="30" font-family="Segoe UI, DejaVu Sans, sans-serif" font-size="22" font-weight="700" fill="#fff" text-anchor="middle">C#</text>
          <text x="32" y="52" font-family="DejaVu Sans Mono, monospace" font-size="13" fill="#fff" text-anchor="middle">sftp&gt;</text>
        </svg>
        """;
}
