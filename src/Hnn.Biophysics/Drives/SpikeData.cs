using System.Globalization;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// The three inputs of add_spike_train_drive (docs/dev/drives.md §4.4): source id → times, a list of
/// (time, gid) events, or a glob of HNN-core spike files (trial 0 = the first file in natural order).
/// </summary>
public sealed record SpikeData
{
    private SpikeData() { }

    internal IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>>? BySource { get; private init; }
    internal IReadOnlyList<(double Time, int Gid)>? Events { get; private init; }
    internal string? FilePattern { get; private init; }
    internal IReadOnlyList<string>? SpikeTypes { get; private init; }
    internal string SourcePrefix { get; private init; } = "";

    /// <summary>Format 1: source id → spike times; drive cell i replays the i-th source (insertion order).</summary>
    public static SpikeData FromSources(IEnumerable<KeyValuePair<string, IEnumerable<double>>> sources) =>
        new() { BySource = sources.Select(kv => new KeyValuePair<string, IReadOnlyList<double>>(kv.Key, kv.Value.ToArray())).ToArray() };

    /// <summary>Format 2: (time, gid) events; gids 0…n−1 are kept, any other set is renumbered in ascending order.</summary>
    public static SpikeData FromEvents(IEnumerable<(double Time, int Gid)> events) => new() { Events = events.ToArray() };

    /// <summary>
    /// Format 3: a path or glob of spike files; every spike of trial 0 becomes source "{type}_GID{gid}".
    /// Beyond HNN-core, <paramref name="spikeTypes"/> keeps only spikes of those types and
    /// <paramref name="sourcePrefix"/> is put before every source id, so the seed tutorial's
    /// "NetA_{type}_GID{gid}" sources of pyramidal cells come straight from its spike file.
    /// </summary>
    public static SpikeData FromFiles(string pattern, IReadOnlyList<string>? spikeTypes = null, string sourcePrefix = "") =>
        new() { FilePattern = pattern, SpikeTypes = spikeTypes?.ToArray(), SourcePrefix = sourcePrefix ?? "" };

    /// <summary>The sources in drive-cell order, times sorted; and whether ids came from the input (source map).</summary>
    internal (SpikeSource[] Sources, bool HasSourceMap) Standardize()
    {
        if (BySource is not null)
        {
            var duplicates = BySource.GroupBy(kv => kv.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            if (duplicates.Length > 0)
                throw Invalid.Argument("spike_data", Invalid.List(duplicates), "source ids must be unique", "distinct source ids");
            return (BySource.Select(kv => Source(kv.Key, kv.Value)).ToArray(), true);
        }
        if (Events is not null)
        {
            foreach (var (_, gid) in Events)
                if (gid < 0) throw Invalid.Argument("spike_data", gid, "a [time, gid] event has a negative gid", "gids >= 0");
            var distinct = Events.Select(e => e.Gid).Distinct().Order().ToArray();
            var asIs = distinct.Length > 0 && distinct[0] == 0 && distinct[^1] == distinct.Length - 1;
            var index = distinct.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => asIs ? p.g : p.i);
            var times = distinct.Select(_ => new List<double>()).ToArray();
            foreach (var (time, gid) in Events) times[index[gid]].Add(time);
            var ordered = distinct.Select(g => Source(g.ToString(CultureInfo.InvariantCulture), times[index[g]])).ToArray();
            return (ordered, false);
        }
        return (FromFile(FilePattern!, SpikeTypes, SourcePrefix), true);
    }

    private static SpikeSource[] FromFile(string pattern, IReadOnlyList<string>? spikeTypes, string prefix)
    {
        var files = SpikeFile.Glob(pattern);
        if (files.Count == 0)
            throw Invalid.Argument("spike_data", pattern, "no spike file matches (Trial index 0 exceeds available trials (0))",
                "a path or glob of existing spike files, e.g. runs/a/spk_*.txt");
        IReadOnlyList<SpikeFileEntry> trial0;
        try
        {
            trial0 = SpikeFile.Read(files[0]);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new ArgumentException(
                $"spike_data = '{pattern}' is invalid: Error loading spike data from file '{files[0]}': {e.Message}. Allowed: HNN-core spike files (time gid type).",
                "spike_data", e);
        }
        var order = new List<string>();
        var bySource = new Dictionary<string, List<double>>();
        foreach (var s in trial0)
        {
            if (spikeTypes is not null && !spikeTypes.Contains(s.Type)) continue;
            var id = $"{prefix}{s.Type}_GID{s.Gid}";
            if (!bySource.TryGetValue(id, out var list))
            {
                bySource[id] = list = [];
                order.Add(id);
            }
            list.Add(s.Time);
        }
        return order.Select(id => Source(id, bySource[id])).ToArray();
    }

    // HNN-core hands the times to the simulator as given; unsorted or negative times have no
    // meaning for a spike source, so sort them and refuse non-finite or negative ones (docs/dev/drives.md §4.4).
    private static SpikeSource Source(string id, IReadOnlyList<double> times)
    {
        foreach (var t in times)
            if (!double.IsFinite(t) || t < 0)
                throw Invalid.Argument("spike_data", t, $"source '{id}' has a spike time that is negative or not a number",
                    "finite spike times >= 0 ms");
        var sorted = times.ToArray();
        Array.Sort(sorted);
        return new SpikeSource(id, sorted);
    }
}
