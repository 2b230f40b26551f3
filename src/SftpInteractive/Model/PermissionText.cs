namespace SftpInteractive.Model;

/// <summary>Builds <c>ls -l</c> style permission strings.</summary>
internal static class PermissionText
{
    /// <summary>For example <c>-rw-r--r--</c>, <c>drwxrwxrwt</c>, <c>-rwsr-xr-x</c>.</summary>
    public static string From(RemoteEntryType type, int mode)
    {
        Span<char> c = stackalloc char[10];
        c[0] = type switch { RemoteEntryType.Directory => 'd', RemoteEntryType.Symlink => 'l', RemoteEntryType.Other => '?', _ => '-' };
        const string rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            c[i + 1] = (mode & (1 << (8 - i))) != 0 ? rwx[i] : '-';
        }

        Special(c, 3, (mode & 0x800) != 0, 's'); // setuid
        Special(c, 6, (mode & 0x400) != 0, 's'); // setgid
        Special(c, 9, (mode & 0x200) != 0, 't'); // sticky
        return new string(c);
    }

    private static void Special(Span<char> c, int index, bool set, char letter)
    {
        if (set)
        {
            c[index] = c[index] == 'x' ? letter : char.ToUpperInvariant(letter);
        }
    }
}
