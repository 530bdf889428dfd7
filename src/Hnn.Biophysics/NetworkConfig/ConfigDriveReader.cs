using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Re-creates one stored drive (docs/dev/io.md §5.3 step 6) by calling the add method with its stored
/// arguments, seeds included. The drive's own connections are replaced afterwards by the stored ones.
/// Beyond HNN-core, a spike-train drive is re-created from the spike times its record holds.
/// </summary>
internal static class ConfigDriveReader
{
    private static readonly string[] Common =
        ["type", "location", "n_drive_cells", "event_seed", "conn_seed", "dynamics", "events", "weights_ampa", "weights_nmda",
         "synaptic_delays", "probability", "name", "target_types", "cell_specific"];

    private static readonly IReadOnlyDictionary<string, string[]> DynamicsKeys = new Dictionary<string, string[]>
    {
        ["evoked"] = ["mu", "sigma", "numspikes"],
        ["gaussian"] = ["mu", "sigma", "numspikes"],
        ["poisson"] = ["tstart", "tstop", "rate_constant"],
        ["bursty"] = ["tstart", "tstart_std", "tstop", "burst_rate", "burst_std", "numspikes", "spike_isi"],
        ["spike_train"] = ["times", "gids"],
    };

    /// <param name="spaceConstant">lamtha of the drive's stored connections (the record does not keep it).</param>
    public static NetworkSpec Add(NetworkSpec net, string key, JsonElement e, string path, double? spaceConstant, List<string> notes)
    {
        var o = JsonSection.Open(e, path);
        var type = o.String("type", allowed: "\"evoked\", \"poisson\", \"bursty\" or \"spike_train\"");
        if (!DynamicsKeys.ContainsKey(type))
            throw new ExperimentFileException(o.At("type"), $"\"{type}\" is not allowed; allowed: \"evoked\", \"poisson\", \"bursty\", \"spike_train\"");
        o.Expect([.. Common, .. type == "spike_train" ? new[] { "source_to_gid_map" } : []]);
        var name = o.String("name", allowed: "the drive's name");
        if (name != key)
            throw new ExperimentFileException(o.At("name"), $"\"{name}\" is not allowed: the drive is stored under \"{key}\"; allowed: \"{key}\"");
        var location = o.String("location", allowed: "\"proximal\", \"distal\" or a section name");
        var cellSpecific = RequiredBool(o, "cell_specific");
        var nDriveCells = o.Int("n_drive_cells", allowed: "an integer >= 1");
        var eventSeed = RequiredLong(o, "event_seed");
        var connSeed = o.NullableLong("conn_seed", null, "a non-negative integer or null");
        if (!o.Has("conn_seed")) throw new ExperimentFileException(o.At("conn_seed"), "missing; allowed: a non-negative integer or null");
        var ampa = Weights(o, "weights_ampa");
        var nmda = Weights(o, "weights_nmda");
        var delays = PerType(o, "synaptic_delays", "a delay in ms or a dict cell type → delay");
        var probability = PerType(o, "probability", "a probability or a dict cell type → probability");
        StringList(o, "target_types");   // derived from the weights; HNN-core ignores it too
        var events = o.Required("events", "[] (HNN-core writes no events)");
        if (events.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(o.At("events"), $"{JsonSection.Describe(events)} is not allowed; allowed: a list (HNN-core writes [])");
        if (events.GetArrayLength() > 0)
            notes.Add($"{o.At("events")}: the stored events are ignored (HNN-core's reader clears them); they are drawn again from the drive's seeds");
        var d = JsonSection.Open(o.Required("dynamics", "an object"), o.At("dynamics"));
        d.Expect(DynamicsKeys[type]);
        int? cells = cellSpecific ? null : nDriveCells;
        NetworkSpec result;
        switch (type)
        {
            case "evoked" or "gaussian":
                result = net.AddEvokedDrive(name, d.Number("mu", allowed: "a time in ms"), d.Number("sigma", allowed: "a SD in ms"),
                    d.Int("numspikes", allowed: "an integer >= 1"), location, cells, cellSpecific, ampa, nmda,
                    spaceConstant ?? 3.0, delays, probability, eventSeed, connSeed);
                break;
            case "poisson":
                var rate = d.Required("rate_constant", "a rate in Hz or a dict cell type → rate");
                result = net.AddPoissonDrive(name, ExperimentReader.PerTypeOf(rate, d.At("rate_constant")), location,
                    d.Number("tstart", allowed: "a time in ms"), d.NullableNumber("tstop", null, "a time in ms or null"), cells, cellSpecific,
                    ampa, nmda, spaceConstant ?? 100.0, delays, probability, eventSeed, connSeed);
                RequireKey(d, "tstop");
                break;
            case "bursty":
                result = net.AddBurstyDrive(name, d.Number("burst_rate", allowed: "a rate in Hz"), location,
                    d.Number("tstart", allowed: "a time in ms"), d.Number("tstart_std", allowed: "a SD in ms"),
                    d.NullableNumber("tstop", null, "a time in ms or null"), d.Number("burst_std", allowed: "a SD in ms"),
                    d.Int("numspikes", allowed: "an integer >= 1"), d.Number("spike_isi", allowed: "an interval in ms"),
                    cells, cellSpecific, ampa, nmda, delays, spaceConstant ?? 100.0, probability, eventSeed, connSeed);
                RequireKey(d, "tstop");
                break;
            default:
                if (cellSpecific)
                    throw new ExperimentFileException(o.At("cell_specific"), "true is not allowed for a spike-train drive; allowed: false");
                result = net.AddSpikeTrainDrive(name, SpikeTrainData(o, d, nDriveCells), location, ampa, nmda, delays,
                    spaceConstant ?? 3.0, probability, connSeed);
                break;
        }
        d.RejectUnknownKeys();
        o.RejectUnknownKeys();
        return result;
    }

    /// <summary>dynamics {times, gids} (gids = drive cell index) and source_to_gid_map {source id → index}.</summary>
    private static SpikeData SpikeTrainData(JsonSection o, JsonSection d, int nDriveCells)
    {
        var times = Numbers(d, "times", "a list of spike times (ms)");
        var gids = d.Required("gids", "a list of drive cell indices");
        if (gids.ValueKind != JsonValueKind.Array || gids.GetArrayLength() != times.Length)
            throw new ExperimentFileException(d.At("gids"), $"{JsonSection.Describe(gids)} is not allowed; allowed: one drive cell index per time ({times.Length})");
        var index = gids.EnumerateArray().Select((g, i) =>
        {
            var v = JsonSection.AsInt(g, $"{d.At("gids")}[{i}]", "a drive cell index");
            return v >= 0 && v < nDriveCells ? v : throw new ExperimentFileException($"{d.At("gids")}[{i}]", $"{v} is not allowed; allowed: 0 … {nDriveCells - 1} (n_drive_cells)");
        }).ToArray();
        var ids = Enumerable.Range(0, nDriveCells).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var map = o.Get("source_to_gid_map");
        if (map is { ValueKind: not JsonValueKind.Null } m)
        {
            var mo = JsonSection.Open(m, o.At("source_to_gid_map"));
            var entries = mo.Properties().ToArray();
            if (entries.Length > 0)
            {
                if (entries.Length != nDriveCells)
                    throw new ExperimentFileException(mo.Path, $"{entries.Length} sources are not allowed; allowed: one per drive cell ({nDriveCells})");
                var seen = new HashSet<int>();
                foreach (var p in entries)
                {
                    var i = JsonSection.AsInt(p.Value, $"{mo.Path}.{p.Name}", "a drive cell index");
                    if (i < 0 || i >= nDriveCells || !seen.Add(i))
                        throw new ExperimentFileException($"{mo.Path}.{p.Name}", $"{i} is not allowed; allowed: each of 0 … {nDriveCells - 1} once");
                    ids[i] = p.Name;
                }
            }
        }
        var bySource = ids.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < times.Length; i++) bySource[index[i]].Add(times[i]);
        return SpikeData.FromSources(ids.Select((id, i) => new KeyValuePair<string, IEnumerable<double>>(id, bySource[i])));
    }

    private static void RequireKey(JsonSection s, string key)
    {
        if (!s.Has(key)) throw new ExperimentFileException(s.At(key), "missing; allowed: a time in ms or null");
    }

    private static bool RequiredBool(JsonSection o, string key)
    {
        if (!o.Has(key)) throw new ExperimentFileException(o.At(key), "missing; allowed: true or false");
        return o.Bool(key, false);
    }

    private static long RequiredLong(JsonSection o, string key)
    {
        if (!o.Has(key)) throw new ExperimentFileException(o.At(key), "missing; allowed: a non-negative integer");
        return o.Long(key, 0, "a non-negative integer");
    }

    private static double[] Numbers(JsonSection o, string key, string allowed)
    {
        var v = o.Required(key, allowed);
        if (v.ValueKind != JsonValueKind.Array) throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v)} is not allowed; allowed: {allowed}");
        return v.EnumerateArray().Select((x, i) => JsonSection.AsNumber(x, $"{o.At(key)}[{i}]", "a number")).ToArray();
    }

    private static void StringList(JsonSection o, string key)
    {
        var v = o.Required(key, "a list of cell types");
        if (v.ValueKind != JsonValueKind.Array) throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v)} is not allowed; allowed: a list of cell types");
        var i = 0;
        foreach (var s in v.EnumerateArray()) JsonSection.AsString(s, $"{o.At(key)}[{i++}]", "a cell type");
    }

    /// <summary>A dict cell type → weight, or null (no such receptor); the key must be present.</summary>
    private static Dictionary<string, double>? Weights(JsonSection o, string key)
    {
        var v = o.Required(key, "null or a dict cell type → weight (µS)");
        if (v.ValueKind == JsonValueKind.Null) return null;
        var w = JsonSection.Open(v, o.At(key));
        return w.Properties().ToDictionary(p => p.Name, p => JsonSection.AsNumber(p.Value, $"{w.Path}.{p.Name}", "a weight (µS)"));
    }

    private static PerCellType PerType(JsonSection o, string key, string allowed) =>
        ExperimentReader.PerTypeOf(o.Required(key, allowed), o.At(key));
}
