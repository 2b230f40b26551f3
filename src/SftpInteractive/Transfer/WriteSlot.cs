namespace SftpInteractive;

/// <summary>One SSH_FXP_WRITE in flight: its status reply, answered on the engine's reading thread.</summary>
internal sealed class WriteSlot : ReplySlot
{
    /// <summary>The block of the upload the write belongs to.</summary>
    public int Block { get; set; }

    /// <summary>How many bytes it wrote.</summary>
    public int Length { get; set; }

    /// <inheritdoc/>
    public override void Complete(byte type, ReadOnlySpan<byte> payload) =>
        Answer(type == SftpPacketType.Status ? StatusError(payload) : Unexpected(type, "a write"));
}
