namespace SftpInteractive;

/// <summary>
/// What <see cref="SftpSession.FindAsync"/> looks for. Every filter set must match. A plain string converts to a
/// glob, so <c>s.Find("/data", "wmr1006.csv")</c> and <c>s.FindAsync("/", "**/wmr1*.csv")</c> read naturally.
/// </summary>
public sealed record FindOptions
{
    /// <summary>Shell glob: without a slash it matches the name at any depth (<c>*.csv</c>); with one, the path below
    /// the root (<c>**/history/wmr1*.csv</c>). <c>**</c> spans folders; <c>{a,b}</c>, <c>[0-9]</c> and <c>?</c> work.</summary>
    public string? Glob { get; init; }

    /// <summary>.NET regular expression searched for in the path below the root (anchor it with <c>^…$</c>).</summary>
    public string? Regex { get; init; }

    /// <summary>Only entries of this type (files, directories, links).</summary>
    public RemoteEntryType? Type { get; init; }

    /// <summary>Only entries at least this many bytes.</summary>
    public long? MinSize { get; init; }

    /// <summary>Only entries at most this many bytes.</summary>
    public long? MaxSize { get; init; }

    /// <summary>Only entries modified at or after this time (UTC).</summary>
    public DateTime? ModifiedAfter { get; init; }

    /// <summary>Only entries modified before this time (UTC).</summary>
    public DateTime? ModifiedBefore { get; init; }

    /// <summary>How deep to go: 1 = the root's own entries only (default: no limit).</summary>
    public int MaxDepth { get; init; } = int.MaxValue;

    /// <summary>Only entries at least this deep (1 = the root's own entries).</summary>
    public int MinDepth { get; init; } = 1;

    /// <summary>Folders listed at once, each over its own SSH connection (1–16, default 4).</summary>
    public int Parallelism { get; init; } = SftpPool.DefaultConnections;

    /// <summary>A glob search (the conversion behind <c>Find(root, "*.csv")</c>).</summary>
    public static FindOptions FromGlob(string glob) => new() { Glob = glob };

    /// <summary>Converts a glob string to options.</summary>
    public static implicit operator FindOptions(string glob) => FromGlob(glob);

    /// <summary>A short description such as <c>glob *.csv, type File, size ≥ 1000</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(bool present, string text)
        {
            if (present)
            {
                parts.Add(text);
            }
        }

        Add(Glob is not null, $"glob {Glob}");
        Add(Regex is not null, $"regex {Regex}");
        Add(Type is not null, $"type {Type}");
        Add(MinSize is not null, $"size >= {MinSize}");
        Add(MaxSize is not null, $"size <= {MaxSize}");
        Add(ModifiedAfter is not null, $"modified >= {ModifiedAfter:u}");
        Add(ModifiedBefore is not null, $"modified < {ModifiedBefore:u}");
        Add(MaxDepth != int.MaxValue, $"depth <= {MaxDepth}");
        Add(MinDepth > 1, $"depth >= {MinDepth}");
        return parts.Count == 0 ? "everything" : string.Join(", ", parts);
    }
}
