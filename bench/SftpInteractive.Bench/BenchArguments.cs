namespace SftpInteractive.Bench;

/// <summary>The bench program's command line: a scenario, its positional arguments, the .env and parallelism.</summary>
internal sealed class BenchArguments
{
    private readonly List<string> _positional = [];

    public string Command { get; private set; } = "";

    public string EnvFile { get; private set; } = ".env";

    public int Parallel { get; private set; } = 4;

    /// <summary>Forces a get or put split over this many connections (<c>--ranges N</c>); null lets the product choose.</summary>
    public int? Ranges { get; private set; }

    public string this[int index] => index < _positional.Count ? _positional[index]
        : throw new ArgumentException($"'{Command}' needs at least {index + 1} path arguments.");

    /// <summary>The optional positional argument at <paramref name="index"/>, or null.</summary>
    public string? Optional(int index) => index < _positional.Count ? _positional[index] : null;

    public static BenchArguments Parse(string[] args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--env":
                    parsed.EnvFile = args[++i];
                    break;
                case "--parallel":
                    parsed.Parallel = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--ranges":
                    parsed.Ranges = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    if (parsed.Command.Length == 0)
                    {
                        parsed.Command = args[i];
                    }
                    else
                    {
                        parsed._positional.Add(args[i]);
                    }

                    break;
            }
        }

        return parsed;
    }
}
