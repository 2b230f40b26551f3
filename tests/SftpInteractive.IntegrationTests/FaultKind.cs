namespace SftpInteractive.IntegrationTests;

/// <summary>The transfer a fault-matrix row cuts.</summary>
public enum FaultKind
{
    /// <summary>GetAsync of one file.</summary>
    Get,

    /// <summary>PutAsync of one file.</summary>
    Put,

    /// <summary>GetDirectoryAsync of a small tree over a pool.</summary>
    GetTree,

    /// <summary>PutDirectoryAsync of a small tree over a pool.</summary>
    PutTree,
}
