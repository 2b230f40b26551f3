namespace SftpInteractive.Kernel.Handlers;

/// <summary>
/// Since protocol 5.2 cursor positions are counted in Unicode code points; .NET strings index UTF-16 code units.
/// The two differ as soon as a cell holds an emoji or another character outside the BMP.
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point offset <paramref name="codePoints"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var n = 0; n < codePoints && index < text.Length; n++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The code point offset of UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        var end = Math.Clamp(utf16Index, 0, text.Length);
        var count = 0;
        for (var i = 0; i < end; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }
}
