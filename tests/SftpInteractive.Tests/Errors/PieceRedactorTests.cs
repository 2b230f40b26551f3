namespace SftpInteractive.Tests.Errors;

/// <summary>The one rule for output written in pieces (the REPL's boundary and the kernel's streams share it).</summary>
public sealed class PieceRedactorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Append_SecretInPiecesOfAnyLength_NeverComesOutWhole(int size)
    {
        var secret = "Pieces-" + Guid.NewGuid().ToString("N")[..10];
        Redactor.Register(secret);
        var pieces = new PieceRedactor();
        var text = "before " + secret + " after\n";
        var output = string.Concat(Enumerable.Range(0, (text.Length + size - 1) / size)
            .Select(i => pieces.Append(text.AsSpan(i * size, Math.Min(size, text.Length - (i * size)))))) + pieces.Drain();

        Assert.Equal("before " + Redactor.Mask + " after\n", output);
    }

    [Fact]
    public void Append_TextThatCannotStartASecret_PassesAtOnce()
    {
        Redactor.Register("Zq-" + Guid.NewGuid().ToString("N"));
        var pieces = new PieceRedactor();

        Assert.Equal("Password? ", pieces.Append("Password? "));
        Assert.False(pieces.IsHolding);
    }

    [Fact]
    public void Drain_AfterAStartOfASecret_ReleasesThatStartOnly()
    {
        var secret = "Held-" + Guid.NewGuid().ToString("N")[..8];
        Redactor.Register(secret);
        var pieces = new PieceRedactor();

        Assert.Equal("x: ", pieces.Append("x: " + secret[..4]));
        Assert.True(pieces.IsHolding);
        Assert.Equal(secret[..4], pieces.Drain());
    }
}
