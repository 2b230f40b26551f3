namespace SftpInteractive.Kernel;

/// <summary>Where <see cref="KernelSpecInstaller"/> writes the kernelspec (the places <c>jupyter --paths</c> lists).</summary>
public enum KernelSpecTarget
{
    /// <summary>The user's Jupyter data directory (~/.local/share/jupyter on Linux, JUPYTER_DATA_DIR when set).</summary>
    User,

    /// <summary>The data directory of the Python environment that runs <c>jupyter</c> (sys.prefix/share/jupyter).</summary>
    SysPrefix,

    /// <summary>An explicit prefix: PREFIX/share/jupyter.</summary>
    Prefix,
}
