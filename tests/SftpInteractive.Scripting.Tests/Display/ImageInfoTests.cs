using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests.Display;

public sealed class ImageInfoTests
{
    [Fact]
    public void Sniff_Png_ReadsTypeAndSizeFromIhdr()
    {
        var info = ImageInfo.Sniff(TinyImages.Png(2, 3));
        Assert.Equal(new ImageInfo("image/png", "PNG", 2, 3), info);
    }

    [Fact]
    public void Sniff_Gif_ReadsTypeAndSizeFromLogicalScreen()
    {
        Assert.Equal(new ImageInfo("image/gif", "GIF", 5, 4), ImageInfo.Sniff(TinyImages.Gif(5, 4)));
    }

    [Fact]
    public void Sniff_Jpeg_WalksSegmentsToStartOfFrame()
    {
        Assert.Equal(new ImageInfo("image/jpeg", "JPEG", 7, 6), ImageInfo.Sniff(TinyImages.Jpeg(7, 6)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, world")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("BM6\0\0\0")]
    public void Sniff_OtherContent_IsNull(string content)
    {
        Assert.Null(ImageInfo.Sniff(System.Text.Encoding.ASCII.GetBytes(content)));
    }

    [Fact]
    public void ImageContent_TextSaysTypeSizeAndBytes_BundleCarriesBase64()
    {
        var png = TinyImages.Png(2, 3);
        var rendered = DisplayRenderer.Render(new ScriptGlobals().Image(png));

        Assert.Equal($"[PNG image 2×3, {png.Length} B]", rendered.Text);
        Assert.Equal(png, Convert.FromBase64String(rendered["image/png"]!));
        Assert.Null(rendered.Html);
    }

    [Fact]
    public void Image_FromFile_SniffsContentNotExtension()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sftpi-image-").FullName, "picture.png");
        File.WriteAllBytes(path, TinyImages.Gif(2, 2));

        var image = new ScriptGlobals().Image(path);

        Assert.Equal("image/gif", image.Info.MimeType);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Image_NotAnImage_RefusedWithClearMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => new ScriptGlobals().Image("plain text"u8.ToArray()));
        Assert.Contains("not a PNG, JPEG or GIF image", e.Message, StringComparison.Ordinal);
    }
}
