using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Testing;

/// <summary>Compiles, with Roslyn, a tiny library that knows nothing of SftpInteractive or .NET Interactive but
/// formats its <c>Gauge</c> type by the .NET Interactive convention: an <b>internal</b> attribute named
/// <c>TypeFormatterSourceAttribute</c> in its own namespace, a source type, a formatter writing <c>text/html</c>.</summary>
public static class FormatterLibrary
{
    /// <summary>What the formatter writes for <c>new Gauge(42)</c>.</summary>
    public const string ExpectedHtml = "<meter value=\"42\">gauge 42</meter>";

    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using Acme.Gauges.Internal;

        namespace Acme.Gauges
        {
            [TypeFormatterSource(typeof(GaugeFormatterSource))]
            public sealed class Gauge
            {
                public Gauge(int value) => Value = value;
                public int Value { get; }
            }

            public sealed class GaugeFormatterSource
            {
                public IEnumerable<object> CreateTypeFormatters() => new object[] { new GaugeFormatter() };
            }

            public sealed class GaugeFormatter
            {
                public string MimeType => "text/html";
                public Type Type => typeof(Gauge);
                public bool Format(object instance, TextWriter writer)
                {
                    if (instance is not Gauge gauge) return false;
                    writer.Write($"<meter value=\"{gauge.Value}\">gauge {gauge.Value}</meter>");
                    return true;
                }
            }
        }

        namespace Acme.Gauges.Internal
        {
            [AttributeUsage(AttributeTargets.Class)]
            internal sealed class TypeFormatterSourceAttribute : Attribute
            {
                public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;
                public Type FormatterSourceType { get; }
                public string[] PreferredMimeTypes { get; set; } = new[] { "text/html" };
            }
        }
        """;

    /// <summary>Writes <c>Acme.Gauges.dll</c> (or <paramref name="assemblyName"/>.dll: tests sharing a process must not
    /// load two different files of one identity) into <paramref name="directory"/> and returns its path.</summary>
    public static string Build(string directory, string assemblyName = "Acme.Gauges")
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Collections.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName, [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var path = Path.Combine(directory, assemblyName + ".dll");
        var emitted = compilation.Emit(path);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        }

        return path;
    }
}
