namespace SftpInteractive.Scripting.Tests.Notebook;

/// <summary>Tests that change .NET Interactive's process-wide <c>Formatter</c> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FormatterState
{
    public const string Name = "Formatter state";
}
