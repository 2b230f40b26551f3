using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>Writes minimal nbformat 4 notebooks for the C# kernel.</summary>
internal static class Notebooks
{
    /// <summary>A multi-line string field as stored by nbformat (a string or a list of lines).</summary>
    public static string Text(JsonNode node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node.GetValue<string>();

    public static string Build(params string[] cells)
    {
        var array = new JsonArray();
        foreach (var source in cells)
        {
            array.Add(new JsonObject
            {
                ["id"] = "cell-" + array.Count, ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = source,
            });
        }

        return new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = "sftpinteractive", ["display_name"] = "C# (SftpInteractive)", ["language"] = "csharp" },
                ["language_info"] = new JsonObject { ["name"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }
}
