using System.Text.Json;
using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Reads an experiment file (docs/experiment-file.md). Strict: unknown keys, wrong JSON types and
/// missing required arguments fail with the JSON path; defaults are HNN-core's.
/// </summary>
public static class ExperimentReader
{
    public static readonly IReadOnlyList<string> Models = [.. Network.NetworkModels.Names, "network"];
    public static readonly IReadOnlyList<string> DriveTypes = ["evoked", "poisson", "bursty", "spike_train"];

    public static ExperimentSpec ReadFile(string path) => Parse(ReadText(path), Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>An experiment file's text, within the size limit; a file that cannot be read fails at "$".</summary>
    internal static string ReadText(string path)
    {
        try
        {
            return Recording.InputFile.ReadAllText(path, "experiment file", Recording.InputFile.ExperimentFileLimit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExperimentFileException("$", e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"cannot read experiment file '{path}': {e.Message}", e);
        }
    }

    /// <param name="baseDirectory">Where a relative "params" file is looked for when n_trials comes from it (the experiment file's folder).</param>
    public static ExperimentSpec Parse(string json, string? baseDirectory = null)
    {
        using (var doc = JsonSection.ParseDocument(json))
        {
            var root = JsonSection.Open(doc.RootElement, "$");
            if (root.Has("networks"))
                throw new ExperimentFileException(root.Has("network") ? "$.network" : "$.networks", root.Has("network")
                    ? CoupledExperimentReader.BothKinds
                    : "a coupled experiment (several networks); only hnn simulate runs one; allowed here: one \"network\"");
            root.Expect("network", "tstop", "dt", "n_trials", "drives", "tonic_biases", "postproc", "spectra", "record", "electrode_arrays");
            var network = ReadNetwork(root.Required("network", "an object like {\"model\": \"jones_2009_model\"}"), root.At("network"));
            var tstop = root.Number("tstop", allowed: "the simulation length in ms (a number > 0)");
            var dt = root.Number("dt", 0.025, "the time step in ms (a number > 0)");
            if (Simulation.TimeGrid.Problem(tstop, dt, out var bad) is { } problem) throw new ExperimentFileException(root.At(bad), problem);
            var nTrials = root.Get("n_trials") is null && network.Params is not null
                ? ParamsTrials(network, baseDirectory)
                : root.Int("n_trials", 1, "an integer >= 1");
            if (nTrials < 1) throw new ExperimentFileException(root.At("n_trials"), $"Invalid number of simulations: {nTrials}; allowed: an integer >= 1");
            var drives = Array(root, "drives").Select((e, i) => ReadDrive(e, $"$.drives[{i}]")).ToArray();
            var biases = Array(root, "tonic_biases").Select((e, i) => ReadBias(e, $"$.tonic_biases[{i}]")).ToArray();
            var postproc = root.Get("postproc") is { } pp ? ReadPostproc(pp, root.At("postproc"), tstop, dt) : null;
            var spectra = root.Get("spectra") is { } sp ? SpectraReader.Read(sp, root.At("spectra"), tstop, dt) : null;
            var record = root.Get("record") is { } rec ? RecordReader.Read(rec, root.At("record")) : null;
            var arrays = root.Get("electrode_arrays") is { } ea ? ElectrodeArrayReader.Read(ea, root.At("electrode_arrays")) : null;
            root.RejectUnknownKeys();
            return new ExperimentSpec(network, tstop, dt, nTrials, drives, biases, postproc, spectra, record, arrays);
        }
    }

    internal static JsonElement[] Array(JsonSection o, string key)
    {
        var v = o.Get(key);
        if (v is null) return [];
        if (v.Value.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v.Value)} is not allowed; allowed: a JSON array");
        return v.Value.EnumerateArray().ToArray();
    }

    /// <summary>The keys of a "network" object.</summary>
    internal static readonly string[] NetworkKeys =
        ["model", "mesh_shape", "legacy_mode", "inplane_distance", "layer_separation", "connections", "params", "add_drives_from_params", "file"];

    private static NetworkSection ReadNetwork(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        o.Expect(NetworkKeys);
        var network = ReadNetwork(o);
        o.RejectUnknownKeys();
        return network;
    }

    /// <summary>The network keys of <paramref name="o"/> (a coupled file's network entry holds drives too); the caller rejects unknown keys.</summary>
    internal static NetworkSection ReadNetwork(JsonSection o)
    {
        var path = o.Path;
        if (o.Get("file") is { } file)
            return ReadNetworkFile(o, JsonSection.AsString(file, o.At("file"), "the path of an HNN-core network configuration file"), path);
        var model = o.String("model", allowed: string.Join(", ", Models.Select(m => $"\"{m}\"")));
        if (!Models.Contains(model))
            throw new ExperimentFileException(o.At("model"), $"\"{model}\" is not allowed; allowed: {string.Join(", ", Models.Select(m => $"\"{m}\""))}");
        int mx = 10, my = 10;
        if (o.Get("mesh_shape") is { } mesh)
        {
            if (mesh.ValueKind != JsonValueKind.Array || mesh.GetArrayLength() != 2)
                throw new ExperimentFileException(o.At("mesh_shape"), $"{JsonSection.Describe(mesh)} is not allowed; allowed: two positive integers, e.g. [10, 10]");
            mx = JsonSection.AsInt(mesh[0], o.At("mesh_shape") + "[0]", "a positive integer");
            my = JsonSection.AsInt(mesh[1], o.At("mesh_shape") + "[1]", "a positive integer");
            if (mx < 1 || my < 1)
                throw new ExperimentFileException(o.At("mesh_shape"), $"[{mx}, {my}] is not allowed: mesh_shape must be a tuple of positive integers; allowed: e.g. [10, 10]");
        }
        var legacy = o.Bool("legacy_mode", false);
        var inplane = o.NullableNumber("inplane_distance", null, "a number > 0 (µm)");
        var separation = o.NullableNumber("layer_separation", null, "a number > 0 (µm)");
        var connections = Array(o, "connections").Select((c, i) => ReadConnection(c, $"{path}.connections[{i}]")).ToArray();
        var paramsFile = o.Get("params") is { } pv ? JsonSection.AsString(pv, o.At("params"), ParamsAllowed) : null;
        if (paramsFile is not null && !(paramsFile.EndsWith(".json", StringComparison.Ordinal) || paramsFile.EndsWith(".param", StringComparison.Ordinal)))
            throw new ExperimentFileException(o.At("params"), $"\"{paramsFile}\" is not allowed: Unrecognized extension, expected one of .json, .param; allowed: {ParamsAllowed}");
        var fromParams = o.Bool("add_drives_from_params", false);
        if (fromParams && paramsFile is null)
            throw new ExperimentFileException(o.At("add_drives_from_params"), "true needs a params file; allowed: false, or give \"params\": \"<file>.json\" too");
        return new NetworkSection(model, mx, my, legacy, inplane, separation, connections, paramsFile, fromParams);
    }

    private const string ParamsAllowed = "an HNN GUI parameter file ending in .json or .param, relative to the experiment file's folder";

    /// <summary>An experiment without n_trials that names a params file runs the file's N_trials, as HNN-core's simulate_dipole does (docs/dev/params.md §7).</summary>
    private static int ParamsTrials(NetworkSection network, string? baseDirectory)
    {
        var p = ExperimentBuilder.ReadParams(network, baseDirectory);
        int n;
        try
        {
            n = p.Integer("N_trials");
        }
        catch (ParamsFiles.ParamsFileException e)
        {
            throw new ExperimentFileException("$.n_trials", $"not given, so taken from the params file: {e.Message}", e);
        }
        if (n < 1)
            throw new ExperimentFileException("$.n_trials", $"not given, so taken from the params file: {p.SourceName}: key 'N_trials': Invalid number of simulations: {n}; allowed: an integer >= 1 (or give n_trials)");
        return n;
    }

    // "file": the network comes from an HNN-core network configuration file; only connections are added here.
    private static NetworkSection ReadNetworkFile(JsonSection o, string file, string path)
    {
        if (file.Length == 0) throw new ExperimentFileException(o.At("file"), "an empty path is not allowed; allowed: the path of a network configuration file");
        foreach (var key in new[] { "model", "mesh_shape", "legacy_mode", "inplane_distance", "layer_separation", "params", "add_drives_from_params" })
            if (o.Has(key))
                throw new ExperimentFileException(o.At(key),
                    $"not allowed with \"file\": the network configuration file gives the cells, mesh and positions; allowed: \"file\" and \"connections\" only");
        var connections = Array(o, "connections").Select((c, i) => ReadConnection(c, $"{path}.connections[{i}]")).ToArray();
        return new NetworkSection("network", 10, 10, false, null, null, connections, File: file);
    }

    private static ConnectionEntry ReadConnection(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        o.Expect("src_gids", "target_gids", "loc", "receptor", "weight", "delay", "lamtha", "threshold", "gain", "allow_autapses", "probability", "conn_seed");
        var src = ReadGids(o.Required("src_gids", "a name, a gid or a list of gids"), o.At("src_gids"), allowNested: false);
        var tgt = ReadGids(o.Required("target_gids", "a cell type, a gid, a list of gids or one list per source"), o.At("target_gids"), allowNested: true);
        var entry = new ConnectionEntry(src, tgt,
            o.String("loc", allowed: "\"proximal\", \"distal\" or a section name"),
            o.String("receptor", allowed: "\"ampa\", \"nmda\", \"gabaa\" or \"gabab\""),
            o.Number("weight", allowed: "a weight in µS"), o.Number("delay", allowed: "a delay in ms"),
            o.Number("lamtha", allowed: "a space constant > 0"),
            o.NullableNumber("threshold", null, "a number (mV) or null"),
            o.Number("gain", 1.0), o.Bool("allow_autapses", true), o.Number("probability", 1.0),
            o.NullableLong("conn_seed", null, "a non-negative integer or null"));
        o.RejectUnknownKeys();
        return entry;
    }

    private static GidsEntry ReadGids(JsonElement v, string path, bool allowNested)
    {
        const string allowed = "a name, a gid, a list of gids, a list of names";
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return new GidsEntry(v.GetString(), null, null, null, false);
            case JsonValueKind.Number:
                return new GidsEntry(null, null, [JsonSection.AsInt(v, path, "an integer gid")], null, true);
            case JsonValueKind.Array:
                var items = v.EnumerateArray().ToArray();
                if (items.Length > 0 && items.All(i => i.ValueKind == JsonValueKind.String))
                    return new GidsEntry(null, items.Select(i => i.GetString()!).ToArray(), null, null, false);
                if (items.All(i => i.ValueKind == JsonValueKind.Number))
                    return new GidsEntry(null, null, items.Select((i, k) => JsonSection.AsInt(i, $"{path}[{k}]", "an integer gid")).ToArray(), null, false);
                if (allowNested && items.All(i => i.ValueKind == JsonValueKind.Array))
                    return new GidsEntry(null, null, null,
                        items.Select((i, k) => (IReadOnlyList<int>)i.EnumerateArray().Select((g, j) => JsonSection.AsInt(g, $"{path}[{k}][{j}]", "an integer gid")).ToArray()).ToArray(), false);
                break;
        }
        throw new ExperimentFileException(path, $"{JsonSection.Describe(v)} is not allowed; allowed: {allowed}{(allowNested ? ", or one list of gids per source" : "")}");
    }

    /// <summary>"postproc": {"smooth": ms, "scale": factor}, both optional (docs/experiment-file.md).</summary>
    internal static PostprocEntry? ReadPostproc(JsonElement e, string path, double tstop, double dt)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var o = JsonSection.Open(e, path);
        o.Expect("smooth", "scale");
        var entry = new PostprocEntry(o.NullableNumber("smooth", null, PostprocEntry.SmoothAllowed), o.NullableNumber("scale", null, PostprocEntry.ScaleAllowed));
        o.RejectUnknownKeys();
        if (entry.Problem(tstop, dt, out var key) is { } problem) throw new ExperimentFileException(o.At(key), problem);
        return entry;
    }

    internal static TonicBiasEntry ReadBias(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        o.Expect("bias_name", "amplitude", "t0", "tstop", "section");
        var amplitude = Weights(o, "amplitude") ?? throw new ExperimentFileException(o.At("amplitude"), "missing; allowed: a dict cell type → amplitude (nA)");
        var entry = new TonicBiasEntry(o.String("bias_name", "tonic"), amplitude, o.Number("t0", 0.0),
            o.NullableNumber("tstop", null, "a time in ms or null (end of simulation)"), o.String("section", "soma"));
        o.RejectUnknownKeys();
        return entry;
    }

    internal static DriveEntry ReadDrive(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        var type = o.String("type", allowed: string.Join(", ", DriveTypes.Select(t => $"\"{t}\"")));
        if (DriveKeys.TryGetValue(type, out var keys)) o.Expect([.. CommonDriveKeys, .. keys]);
        var name = o.String("name", allowed: "the drive's name");
        DriveEntry entry = type switch
        {
            "evoked" => new EvokedDriveEntry(name,
                o.Number("mu", allowed: "mean event time in ms"), o.Number("sigma", allowed: "SD of event times in ms"),
                o.Int("numspikes", allowed: "an integer >= 1"), Location(o), NDriveCells(o, null), o.Bool("cell_specific", true),
                Weights(o, "weights_ampa"), Weights(o, "weights_nmda"), o.Number("space_constant", 3.0),
                PerType(o, "synaptic_delays", 0.1), PerType(o, "probability", 1.0),
                o.Long("event_seed", 2, "a non-negative integer"), o.NullableLong("conn_seed", 3, "a non-negative integer or null")),
            "poisson" => new PoissonDriveEntry(name,
                o.Number("tstart", 0.0), o.NullableNumber("tstop", null, "a time in ms or null (end of simulation)"),
                PerTypeRequired(o, "rate_constant"), Location(o), NDriveCells(o, null), o.Bool("cell_specific", true),
                Weights(o, "weights_ampa"), Weights(o, "weights_nmda"), o.Number("space_constant", 100.0),
                PerType(o, "synaptic_delays", 0.1), PerType(o, "probability", 1.0),
                o.Long("event_seed", 2, "a non-negative integer"), o.NullableLong("conn_seed", 3, "a non-negative integer or null")),
            "bursty" => new BurstyDriveEntry(name,
                o.Number("tstart", 0.0), o.Number("tstart_std", 0.0), o.NullableNumber("tstop", null, "a time in ms or null (end of simulation)"),
                Location(o), o.Number("burst_rate", allowed: "bursts per second (Hz)"), o.Number("burst_std", 0.0),
                o.Int("numspikes", 2), o.Number("spike_isi", 10.0), NDriveCells(o, 1), o.Bool("cell_specific", false),
                Weights(o, "weights_ampa"), Weights(o, "weights_nmda"), PerType(o, "synaptic_delays", 0.1),
                o.Number("space_constant", 100.0), PerType(o, "probability", 1.0),
                o.Long("event_seed", 2, "a non-negative integer"), o.NullableLong("conn_seed", 3, "a non-negative integer or null")),
            "spike_train" => new SpikeTrainDriveEntry(name,
                FileFilters(o, SpikeDataOf(o.Required("spike_data", "a spike-file glob, a dict source → times, or a list of [time, gid]"), o.At("spike_data"))),
                Location(o), Weights(o, "weights_ampa"), Weights(o, "weights_nmda"), PerType(o, "synaptic_delays", 0.1),
                o.Number("space_constant", 3.0), PerType(o, "probability", 1.0),
                o.NullableLong("conn_seed", null, "a non-negative integer or null"), TargetConfig(o)),
            _ => throw new ExperimentFileException(o.At("type"),
                $"\"{type}\" is not allowed; allowed: {string.Join(", ", DriveTypes.Select(t => $"\"{t}\""))}"),
        };
        o.RejectUnknownKeys();
        return entry;
    }

    private static readonly string[] CommonDriveKeys =
        ["type", "name", "location", "weights_ampa", "weights_nmda", "synaptic_delays", "space_constant", "probability", "conn_seed"];

    private static readonly Dictionary<string, string[]> DriveKeys = new()
    {
        ["evoked"] = ["mu", "sigma", "numspikes", "n_drive_cells", "cell_specific", "event_seed"],
        ["poisson"] = ["tstart", "tstop", "rate_constant", "n_drive_cells", "cell_specific", "event_seed"],
        ["bursty"] = ["tstart", "tstart_std", "tstop", "burst_rate", "burst_std", "numspikes", "spike_isi", "n_drive_cells", "cell_specific", "event_seed"],
        ["spike_train"] = ["spike_data", "spike_types", "source_prefix", "target_config"],
    };

    private static string Location(JsonSection o) => o.String("location", allowed: "\"proximal\", \"distal\" or a section name");

    private static int? NDriveCells(JsonSection o, int? fallback)
    {
        var v = o.Get("n_drive_cells");
        if (v is null) return fallback;
        if (v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "n_cells") return null;
        return JsonSection.AsInt(v.Value, o.At("n_drive_cells"), "\"n_cells\" or an integer >= 1");
    }

    internal static IReadOnlyList<KeyValuePair<string, double>>? Weights(JsonSection o, string key)
    {
        var v = o.Get(key);
        if (v is null || v.Value.ValueKind == JsonValueKind.Null) return null;
        var d = JsonSection.Open(v.Value, o.At(key));
        return d.Properties().Select(p => new KeyValuePair<string, double>(p.Name,
            JsonSection.AsNumber(p.Value, $"{o.At(key)}.{p.Name}", "a number"))).ToArray();
    }

    internal static PerCellType PerType(JsonSection o, string key, double fallback)
    {
        var v = o.Get(key);
        return v is null ? PerCellType.Of(fallback) : PerTypeOf(v.Value, o.At(key));
    }

    private static PerCellType PerTypeRequired(JsonSection o, string key) =>
        PerTypeOf(o.Required(key, "a number or a dict cell type → number"), o.At(key));

    /// <summary>One number for every target, or a dict cell type → number (also the form HNN-core's configuration files store).</summary>
    internal static PerCellType PerTypeOf(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.Number) return PerCellType.Of(v.GetDouble());
        if (v.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(path, $"{JsonSection.Describe(v)} is not allowed; allowed: a number or a dict cell type → number");
        var d = JsonSection.Open(v, path);
        return PerCellType.Of(d.Properties().ToDictionary(p => p.Name, p => JsonSection.AsNumber(p.Value, $"{path}.{p.Name}", "a number")));
    }

    private static SpikeDataEntry SpikeDataOf(JsonElement v, string path)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return new SpikeDataEntry(v.GetString(), null, null);
            case JsonValueKind.Object:
                var o = JsonSection.Open(v, path);
                return new SpikeDataEntry(null, o.Properties().Select(p =>
                {
                    if (p.Value.ValueKind != JsonValueKind.Array)
                        throw new ExperimentFileException($"{path}.{p.Name}",
                            $"Spike times for source '{p.Name}' must be a list or array. Got {JsonSection.Describe(p.Value)}; allowed: a list of times (ms)");
                    return new KeyValuePair<string, IReadOnlyList<double>>(p.Name,
                        p.Value.EnumerateArray().Select((t, i) => JsonSection.AsNumber(t, $"{path}.{p.Name}[{i}]", "a time in ms")).ToArray());
                }).ToArray(), null);
            case JsonValueKind.Array:
                return new SpikeDataEntry(null, null, v.EnumerateArray().Select((item, i) =>
                {
                    if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2)
                        throw new ExperimentFileException($"{path}[{i}]", $"{JsonSection.Describe(item)} is not allowed; allowed: a pair [time, gid]");
                    return (JsonSection.AsNumber(item[0], $"{path}[{i}][0]", "a time in ms"), JsonSection.AsInt(item[1], $"{path}[{i}][1]", "an integer gid"));
                }).ToArray());
            default:
                throw new ExperimentFileException(path,
                    $"spike_data must be either: a spike-file path or glob (string), a dict source id → list of times, or a list of [time, gid] pairs. Got {JsonSection.Describe(v)}");
        }
    }

    // Beyond HNN-core: filter the spike file's types and prefix the source ids (file form only).
    private static SpikeDataEntry FileFilters(JsonSection o, SpikeDataEntry data)
    {
        IReadOnlyList<string>? types = null;
        if (o.Get("spike_types") is { } tv)
        {
            if (tv.ValueKind != JsonValueKind.Array)
                throw new ExperimentFileException(o.At("spike_types"), $"{JsonSection.Describe(tv)} is not allowed; allowed: a list of spike types, e.g. [\"L2_pyramidal\", \"L5_pyramidal\"]");
            types = tv.EnumerateArray().Select((t, i) => JsonSection.AsString(t, $"{o.At("spike_types")}[{i}]", "a spike type")).ToArray();
        }
        var prefix = o.Get("source_prefix") is { } pv ? JsonSection.AsString(pv, o.At("source_prefix"), "a string") : "";
        if ((types is not null || prefix.Length > 0) && data.Files is null)
            throw new ExperimentFileException(o.At(types is not null ? "spike_types" : "source_prefix"),
                "only allowed when spike_data is a spike-file path or glob; allowed: leave it out");
        return data with { SpikeTypes = types, SourcePrefix = prefix };
    }

    internal static IReadOnlyList<KeyValuePair<string, ReplayTargetConfig>> TargetConfig(JsonSection o)
    {
        var v = o.Get("target_config");
        if (v is null || v.Value.ValueKind == JsonValueKind.Null) return [];
        var all = JsonSection.Open(v.Value, o.At("target_config"));
        return all.Properties().Select(p =>
        {
            var c = JsonSection.Open(p.Value, $"{all.Path}.{p.Name}");
            c.Expect("target_cell_types", "location", "weights_ampa", "weights_nmda", "synaptic_delays", "probability", "space_constant", "conn_seed");
            IReadOnlyList<string>? types = null;
            if (c.Get("target_cell_types") is { } tv)
            {
                if (tv.ValueKind != JsonValueKind.Array)
                    throw new ExperimentFileException(c.At("target_cell_types"), $"{JsonSection.Describe(tv)} is not allowed; allowed: a list of cell types");
                types = tv.EnumerateArray().Select((t, i) => JsonSection.AsString(t, $"{c.At("target_cell_types")}[{i}]", "a cell type")).ToArray();
            }
            var cfg = new ReplayTargetConfig(
                Dict(Weights(c, "weights_ampa")), Dict(Weights(c, "weights_nmda")),
                c.Get("location") is { } loc ? JsonSection.AsString(loc, c.At("location"), "\"proximal\", \"distal\" or a section name") : null,
                c.Get("synaptic_delays") is { } sd ? PerTypeOf(sd, c.At("synaptic_delays")) : null,
                c.Get("probability") is { } pr ? PerTypeOf(pr, c.At("probability")) : null,
                c.NullableNumber("space_constant", null, "a number > 0"),
                c.NullableLong("conn_seed", null, "a non-negative integer or null"),
                types);
            c.RejectUnknownKeys();
            return new KeyValuePair<string, ReplayTargetConfig>(p.Name, cfg);
        }).ToArray();
    }

    internal static Dictionary<string, double>? Dict(IReadOnlyList<KeyValuePair<string, double>>? pairs) =>
        pairs?.ToDictionary(kv => kv.Key, kv => kv.Value);
}
