namespace SftpInteractive.Widgets;

public sealed partial class SftpExplorer
{
    private const int MaxMatches = 500;
    private static readonly TimeSpan MatchBatch = TimeSpan.FromMilliseconds(250);

    /// <summary>Stops the running find or transfer. A cancelled download leaves nothing under the file's name (its
    /// <c>.part</c> stays for a later resume, as with <c>Get</c>).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _work?.Cancel();
        }
    }

    private void StartFind()
    {
        var pattern = string.IsNullOrWhiteSpace(FindBox.Value) ? "*" : FindBox.Value.Trim();
        var root = CurrentPath;
        Matches.Options = [];
        Run($"Finding {pattern} below {root}…", async token =>
        {
            var found = new List<string>();
            var errors = new List<PathError>();
            var last = DateTime.UtcNow;
            await foreach (var entry in _session.FindAsync(root, new FindOptions { Glob = pattern }, errors, token).ConfigureAwait(false))
            {
                found.Add(entry.Path);
                if (found.Count >= MaxMatches)
                {
                    break;
                }

                if (DateTime.UtcNow - last >= MatchBatch)
                {
                    // Matches stream in: the list grows while the walk goes on.
                    Matches.Options = [.. found];
                    Status.Value = $"Finding {pattern} below {root}: {Format.Count(found.Count, "match", "matches")} so far…";
                    last = DateTime.UtcNow;
                }
            }

            Matches.Options = [.. found];
            Matches.Index = null;
            var unreadable = errors.Count == 0 ? string.Empty : $"; {Format.Count(errors.Count, "folder")} could not be read";
            return $"{Format.Count(found.Count, "match", "matches")} for {pattern} below {root}{(found.Count >= MaxMatches ? " (first " + MaxMatches + ")" : string.Empty)}{unreadable}.";
        });
    }

    private void StartDownload()
    {
        if (SelectedFile is not { } remote)
        {
            Status.Value = "Select a file first.";
            return;
        }

        Directory.CreateDirectory(_localFolder);
        Run($"Downloading {remote}…", async token =>
        {
            var result = await _session.GetAsync(remote, _localFolder, TransferOptions.Default,
                new LiveProgress(this, token), token).ConfigureAwait(false);
            LastDownload = result;
            Progress.Value = 1;
            return result.ToString() ?? $"Downloaded {remote}.";
        });
    }

    private void StartUpload(IReadOnlyList<UploadedFile> files)
    {
        var folder = CurrentPath;
        Run($"Uploading {Format.Count(files.Count, "file")} to {folder}…", async token =>
        {
            foreach (var file in files)
            {
                var target = folder.TrimEnd('/') + "/" + Path.GetFileName(file.Name);
                using var source = new MemoryStream(file.Content.ToArray(), writable: false);
                await _session.PutAsync(source, target, new LiveProgress(this, token), token).ConfigureAwait(false);
            }

            Upload.Clear();
            Navigate(folder);
            return $"Uploaded {string.Join(", ", files.Select(f => f.Name))} to {folder}.";
        });
    }

    /// <summary>Shows a transfer's progress while its work is the running one and not cancelled. Checked and shown
    /// under the gate that ends the work, so a late report can never overwrite the outcome ("Cancelled.").</summary>
    private void ShowProgress(TransferProgress progress, CancellationToken token)
    {
        lock (_gate)
        {
            if (_work is null || _work.Token != token || token.IsCancellationRequested)
            {
                return;
            }

            Progress.Value = progress.Fraction;
            // The text without its ASCII bar: the progress widget beside it is the bar.
            var text = progress.ToText();
            Status.Value = text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end ? text[(end + 2)..] : text;
        }
    }

    /// <summary>Runs one piece of background work at a time with Cancel enabled; its outcome (or error) goes to the
    /// status line.</summary>
    private void Run(string starting, Func<CancellationToken, Task<string>> work)
    {
        CancellationTokenSource cts;
        lock (_gate)
        {
            if (_work is not null)
            {
                Status.Value = "Busy: Cancel the running operation first.";
                return;
            }

            _work = cts = new CancellationTokenSource();
        }

        Status.Value = starting;
        Progress.Value = 0;
        Progress.BarStyle = string.Empty;
        CancelButton.Disabled = false;
        Running = Task.Run(async () =>
        {
            string outcome;
            string barStyle;
            try
            {
                outcome = await work(cts.Token).ConfigureAwait(false);
                barStyle = "success";
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                outcome = "Cancelled.";
                barStyle = "warning";
            }
#pragma warning disable CA1031 // The status line shows what went wrong; the explorer stays usable.
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcome = $"{e.GetType().Name}: {e.Message}";
                barStyle = "danger";
            }

            // The work ends before its outcome shows: progress reported from now on is dropped (ShowProgress).
            lock (_gate)
            {
                _work = null;
            }

            Status.Value = outcome;
            Progress.BarStyle = barStyle;
            CancelButton.Disabled = true;
            cts.Dispose();
        }, CancellationToken.None);
    }

    /// <summary>Reports a transfer's progress on the transfer's own thread, as it happens (<see cref="Progress{T}"/>
    /// would post each report to the thread pool, where one could run after the transfer ended and overwrite its
    /// outcome).</summary>
    private sealed class LiveProgress(SftpExplorer explorer, CancellationToken token) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => explorer.ShowProgress(value, token);
    }
}
