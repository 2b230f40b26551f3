using System.Text;

namespace SftpInteractive;

/// <summary>Reads CSV records (RFC 4180: quoted fields, doubled quotes, separators and line breaks inside quotes,
/// CRLF or LF) from a text stream, one record at a time, so a preview never reads more than it shows.</summary>
internal sealed class CsvReader(TextReader reader, char separator = ',')
{
    /// <summary>The next record, or null at the end.</summary>
    public async Task<string[]?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        var buffer = new char[1];
        while (true)
        {
            if (await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false) == 0)
            {
                if (!any)
                {
                    return null;
                }

                fields.Add(field.ToString());
                return [.. fields];
            }

            any = true;
            var c = buffer[0];
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                return [.. fields];
            }
            else
            {
                field.Append(c);
            }
        }
    }
}
