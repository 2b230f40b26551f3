namespace SftpInteractive;

/// <summary>
/// Applies an OpenSSH-style algorithm list (<c>KexAlgorithms</c>, <c>Ciphers</c>, <c>MACs</c>, <c>HostKeyAlgorithms</c>)
/// to the algorithms SSH.NET offers, as <c>ssh</c> applies it to its defaults: a plain list replaces them, in its order;
/// <c>+list</c> appends to them, <c>-list</c> removes from them (<c>*</c> and <c>?</c> allowed), <c>^list</c> puts the
/// listed ones first. A name SSH.NET does not implement is an error that lists the names it does, as is a list that
/// leaves nothing to offer.
/// </summary>
internal static class AlgorithmChoice
{
    /// <summary>Reorders or filters <paramref name="algorithms"/> by <paramref name="spec"/> (null: unchanged).</summary>
    /// <param name="algorithms">SSH.NET's offered algorithms by name, in offer order; changed in place.</param>
    /// <param name="spec">The list as written.</param>
    /// <param name="key">The setting, for errors (<see cref="SettingKeys.KexAlgorithms"/>...).</param>
    /// <param name="source">Where the setting came from, for errors.</param>
    /// <param name="implementation">Whose algorithms <paramref name="algorithms"/> are, for errors.</param>
    /// <exception cref="SftpConfigException">An unknown name, or nothing left to offer.</exception>
    public static void Apply<TValue>(IDictionary<string, TValue> algorithms, string? spec, string key, string source, string implementation = "SSH.NET")
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return;
        }

        var current = algorithms.Select(a => a.Key).ToList();
        var names = SshPatternList.Split(spec[0] is '+' or '-' or '^' ? spec[1..] : spec);
        List<string> chosen;
        if (spec[0] == '-')
        {
            chosen = [.. current.Where(name => !SshPatternList.Matches(names, name))];
        }
        else
        {
            if (names.FirstOrDefault(name => !algorithms.ContainsKey(name)) is { } unknown)
            {
                throw new SftpConfigException(
                    $"{key} ({source}) names '{unknown}', which {implementation} does not implement. It offers: {string.Join(",", current)}.");
            }

            chosen = spec[0] switch
            {
                '+' => [.. current, .. names.Except(current, StringComparer.Ordinal)],
                '^' => [.. names.Distinct(StringComparer.Ordinal), .. current.Except(names, StringComparer.Ordinal)],
                _ => [.. names.Distinct(StringComparer.Ordinal)],
            };
        }

        if (chosen.Count == 0)
        {
            throw new SftpConfigException($"{key} ({source}) leaves no algorithm to offer. {implementation} offers: {string.Join(",", current)}.");
        }

        var values = algorithms.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        algorithms.Clear();
        foreach (var name in chosen)
        {
            algorithms.Add(name, values[name]);
        }
    }
}
