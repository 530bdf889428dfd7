using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Batch;

/// <summary>
/// Where a swept value goes in the canonical experiment JSON: the steps from the root (object
/// keys and array indexes) and the JSON forms the value may take.
/// </summary>
internal sealed record ExperimentLocation(string Path, IReadOnlyList<object> Steps, ValueKinds Kinds)
{
    /// <summary>Puts <paramref name="value"/> at this location of <paramref name="root"/> (a copy of the prepared base).</summary>
    public void Set(JsonObject root, JsonNode? value)
    {
        JsonNode container = root;
        for (var i = 0; i < Steps.Count - 1; i++)
            container = Steps[i] is int index ? container.AsArray()[index]! : container.AsObject()[(string)Steps[i]]!;
        if (Steps[^1] is int last) container.AsArray()[last] = value;
        else container.AsObject()[(string)Steps[^1]] = value;
    }

    public bool Overlaps(ExperimentLocation other)
    {
        var n = Math.Min(Steps.Count, other.Steps.Count);
        for (var i = 0; i < n; i++)
            if (!Steps[i].Equals(other.Steps[i])) return false;
        return true;
    }
}

/// <summary>
/// Resolves sweep parameter paths (docs/sweep-file.md "Paths", docs/dev/batch.md §2) against a
/// canonical experiment, and prepares that experiment so that every location exists: a scalar
/// addressed per cell type becomes a dict over the drive's targets, a new cell type in a weights
/// dict gets a slot. Errors name the parameter's JSON path, the path and what is allowed.
/// </summary>
internal sealed class ExperimentPaths
{
    private static readonly ValueKinds NumberOrNull = ValueKinds.Number | ValueKinds.Null;
    private static readonly ValueKinds IntegerOrNull = ValueKinds.Integer | ValueKinds.Null;
    private static readonly ValueKinds PerType = ValueKinds.Number | ValueKinds.NumberDict;
    private static readonly ValueKinds Weights = ValueKinds.NumberDict | ValueKinds.Null;
    private static readonly ValueKinds Gids = ValueKinds.String | ValueKinds.Integer | ValueKinds.Array;

    private static readonly Dictionary<string, ValueKinds> TopKeys = new()
    {
        ["tstop"] = ValueKinds.Number, ["dt"] = ValueKinds.Number, ["n_trials"] = ValueKinds.Integer,
    };

    private static readonly Dictionary<string, ValueKinds> NetworkKeys = new()
    {
        ["model"] = ValueKinds.String, ["mesh_shape"] = ValueKinds.IntPair, ["legacy_mode"] = ValueKinds.Bool,
        ["inplane_distance"] = NumberOrNull, ["layer_separation"] = NumberOrNull,
    };

    private static readonly Dictionary<string, ValueKinds> ConnectionKeys = new()
    {
        ["src_gids"] = Gids, ["target_gids"] = Gids, ["loc"] = ValueKinds.String, ["receptor"] = ValueKinds.String,
        ["weight"] = ValueKinds.Number, ["delay"] = ValueKinds.Number, ["lamtha"] = ValueKinds.Number,
        ["threshold"] = NumberOrNull, ["gain"] = ValueKinds.Number, ["allow_autapses"] = ValueKinds.Bool,
        ["probability"] = ValueKinds.Number, ["conn_seed"] = IntegerOrNull,
    };

    private static readonly Dictionary<string, ValueKinds> BiasKeys = new()
    {
        ["amplitude"] = ValueKinds.NumberDict, ["t0"] = ValueKinds.Number, ["tstop"] = NumberOrNull, ["section"] = ValueKinds.String,
    };

    private static readonly Dictionary<string, ValueKinds> CommonDriveKeys = new()
    {
        ["location"] = ValueKinds.String, ["weights_ampa"] = Weights, ["weights_nmda"] = Weights,
        ["space_constant"] = ValueKinds.Number, ["synaptic_delays"] = PerType, ["probability"] = PerType, ["conn_seed"] = IntegerOrNull,
    };

    private static readonly ValueKinds DriveCells = ValueKinds.Integer | ValueKinds.String;

    /// <summary>The keys of each drive type that may be swept (the experiment reader's keys less type and name).</summary>
    internal static readonly Dictionary<string, Dictionary<string, ValueKinds>> DriveKeys = new()
    {
        ["evoked"] = With(new() { ["mu"] = ValueKinds.Number, ["sigma"] = ValueKinds.Number, ["numspikes"] = ValueKinds.Integer,
            ["n_drive_cells"] = DriveCells, ["cell_specific"] = ValueKinds.Bool, ["event_seed"] = ValueKinds.Integer }),
        ["poisson"] = With(new() { ["tstart"] = ValueKinds.Number, ["tstop"] = NumberOrNull, ["rate_constant"] = PerType,
            ["n_drive_cells"] = DriveCells, ["cell_specific"] = ValueKinds.Bool, ["event_seed"] = ValueKinds.Integer }),
        ["bursty"] = With(new() { ["tstart"] = ValueKinds.Number, ["tstart_std"] = ValueKinds.Number, ["tstop"] = NumberOrNull,
            ["burst_rate"] = ValueKinds.Number, ["burst_std"] = ValueKinds.Number, ["numspikes"] = ValueKinds.Integer,
            ["spike_isi"] = ValueKinds.Number, ["n_drive_cells"] = DriveCells, ["cell_specific"] = ValueKinds.Bool, ["event_seed"] = ValueKinds.Integer }),
        ["spike_train"] = With(new() { ["spike_data"] = ValueKinds.String | ValueKinds.Object | ValueKinds.Array,
            ["spike_types"] = ValueKinds.Array | ValueKinds.Null, ["source_prefix"] = ValueKinds.String, ["target_config"] = ValueKinds.Object | ValueKinds.Null }),
    };

    /// <summary>Dict keys whose entries are cell types that may be added (docs/dev/batch.md §3).</summary>
    private static readonly string[] WeightKeys = ["weights_ampa", "weights_nmda"];

    /// <summary>Number-or-dict keys whose dict form must list exactly the drive's targets.</summary>
    private static readonly string[] PerTargetKeys = ["synaptic_delays", "probability", "rate_constant"];

    private const string PathForms = "tstop, dt, n_trials, network.<key>, drives.<name>.<key>[.<cell type>], connections.<index>.<key>, tonic_biases.<index or bias_name>.<key>[.<cell type>]";

    private readonly JsonObject _root;
    private readonly string? _file;

    private ExperimentPaths(JsonObject root, string? file)
    {
        _root = root;
        _file = file;
    }

    /// <summary>
    /// One location per path, in order; <paramref name="root"/> (the canonical experiment) is
    /// changed so every location exists. <paramref name="jsonPathOf"/> gives the sweep file's JSON
    /// path of parameter j's "path".
    /// </summary>
    public static ExperimentLocation[] Resolve(JsonObject root, IReadOnlyList<string> paths, Func<int, string> jsonPathOf, string? file = null)
    {
        var resolver = new ExperimentPaths(root, file);
        var parsed = paths.Select((p, j) => resolver.Parse(p, jsonPathOf(j))).ToArray();
        var added = resolver.AddNewTargets(parsed);
        for (var j = 0; j < parsed.Length; j++)
            if (parsed[j].PerTarget) resolver.PreparePerTarget(parsed[j], added);
        resolver.CheckNewTargetsCovered(added);
        var locations = parsed.Select(p => new ExperimentLocation(p.Path, p.Steps, p.Kinds)).ToArray();
        for (var j = 0; j < locations.Length; j++)
            for (var k = 0; k < j; k++)
                if (locations[j].Overlaps(locations[k]))
                    throw resolver.Error(parsed[j].JsonPath, parsed[j].Path,
                        $"sets the same value as parameter {k} (\"{paths[k]}\"); allowed: each value swept by one parameter");
        return locations;
    }

    /// <summary>A parsed path before the experiment is prepared.</summary>
    private sealed record Parsed(string Path, string JsonPath, List<object> Steps, ValueKinds Kinds,
        int Drive = -1, string? CellType = null, bool Weight = false, bool PerTarget = false);

    private Parsed Parse(string path, string at)
    {
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0))
            throw Error(at, path, $"has an empty part; allowed: {PathForms}");
        var head = parts[0];
        if (TopKeys.TryGetValue(head, out var top))
        {
            NothingBelow(parts, 1, path, at, head);
            return new Parsed(path, at, [head], top);
        }
        return head switch
        {
            "network" => ParseNetwork(parts, path, at),
            "connections" => ParseConnection(parts, path, at),
            "drives" => ParseDrive(parts, path, at),
            "tonic_biases" => ParseBias(parts, path, at),
            _ => throw Error(at, path, $"'{head}' is not a part of the experiment; allowed: {PathForms}"),
        };
    }

    private Parsed ParseNetwork(string[] parts, string path, string at)
    {
        if (parts.Length < 2 || parts[1] == "connections")
            throw Error(at, path, parts.Length < 2
                ? $"names the whole network; allowed: network.<key>, key one of {Keys(NetworkKeys)}"
                : "address an extra connection as connections.<index>.<key>");
        var key = parts[1];
        if (!NetworkKeys.TryGetValue(key, out var kinds))
            throw Error(at, path, $"network has no key '{key}'; allowed: {Keys(NetworkKeys)}");
        var network = _root["network"]!.AsObject();
        if (!network.ContainsKey(key)) network[key] = null; // left out of the canonical form when null
        return Below(new Parsed(path, at, ["network", key], kinds), parts, 2);
    }

    private Parsed ParseConnection(string[] parts, string path, string at)
    {
        var connections = _root["network"]!.AsObject()["connections"] as JsonArray;
        var count = connections?.Count ?? 0;
        var have = count == 0 ? "the experiment has no network.connections" : $"the experiment has {count} (indexes 0–{count - 1})";
        if (parts.Length < 2 || !int.TryParse(parts[1], out var index) || index < 0 || index >= count || parts[1] != index.ToString())
            throw Error(at, path, parts.Length < 2 ? $"names no connection; {have}" : $"no connection '{parts[1]}'; {have}");
        if (parts.Length < 3)
            throw Error(at, path, $"names a whole connection; allowed: connections.{index}.<key>, key one of {Keys(ConnectionKeys)}");
        var key = parts[2];
        if (!ConnectionKeys.TryGetValue(key, out var kinds))
            throw Error(at, path, $"a connection has no key '{key}'; allowed: {Keys(ConnectionKeys)}");
        return Below(new Parsed(path, at, ["network", "connections", index, key], kinds), parts, 3);
    }

    private Parsed ParseDrive(string[] parts, string path, string at)
    {
        var drives = _root["drives"]!.AsArray();
        var names = drives.Select(d => (string)d!["name"]!).ToArray();
        var list = names.Length == 0 ? "the experiment has no drives" : $"drives: {string.Join(", ", names)}";
        if (parts.Length < 2) throw Error(at, path, $"names no drive; {list}");
        var index = Array.IndexOf(names, parts[1]);
        if (index < 0) throw Error(at, path, $"no drive named '{parts[1]}'; {list}");
        var drive = drives[index]!.AsObject();
        var type = (string)drive["type"]!;
        var keys = DriveKeys[type];
        if (parts.Length < 3)
            throw Error(at, path, $"names a whole drive; allowed: drives.{parts[1]}.<key>, key one of {Keys(keys)}");
        var key = parts[2];
        if (!keys.TryGetValue(key, out var kinds))
            throw Error(at, path, key is "type" or "name"
                ? $"a drive's {key} cannot be swept; allowed: {Keys(keys)}"
                : $"drive '{parts[1]}' ({type}) has no key '{key}'; allowed: {Keys(keys)}");
        if (!drive.ContainsKey(key)) drive[key] = null; // optional keys the canonical form leaves out
        var steps = new List<object> { "drives", index, key };
        if (parts.Length == 3) return new Parsed(path, at, steps, kinds, index);
        if (WeightKeys.Contains(key) || PerTargetKeys.Contains(key))
        {
            var cellType = CellTypeOf(parts, 3, path, at);
            steps.Add(cellType);
            return new Parsed(path, at, steps, ValueKinds.Number, index, cellType, Weight: WeightKeys.Contains(key), PerTarget: !WeightKeys.Contains(key));
        }
        return Below(new Parsed(path, at, steps, kinds, index), parts, 3);
    }

    private Parsed ParseBias(string[] parts, string path, string at)
    {
        var biases = _root["tonic_biases"]!.AsArray();
        var names = biases.Select(b => (string)b!["bias_name"]!).ToArray();
        var list = names.Length == 0 ? "the experiment has no tonic_biases"
            : $"the experiment has {names.Length} (indexes 0–{names.Length - 1}; bias_name {string.Join(", ", names)})";
        if (parts.Length < 2) throw Error(at, path, $"names no tonic bias; {list}");
        var index = int.TryParse(parts[1], out var i) && i >= 0 && parts[1] == i.ToString() ? (i < names.Length ? i : -1) : Array.IndexOf(names, parts[1]);
        if (index < 0) throw Error(at, path, $"no tonic bias '{parts[1]}'; {list}");
        if (parts.Length < 3)
            throw Error(at, path, $"names a whole tonic bias; allowed: tonic_biases.{parts[1]}.<key>, key one of {Keys(BiasKeys)}");
        var key = parts[2];
        if (!BiasKeys.TryGetValue(key, out var kinds))
            throw Error(at, path, key == "bias_name"
                ? $"bias_name cannot be swept; allowed: {Keys(BiasKeys)}"
                : $"a tonic bias has no key '{key}'; allowed: {Keys(BiasKeys)}");
        var steps = new List<object> { "tonic_biases", index, key };
        if (parts.Length == 3) return new Parsed(path, at, steps, kinds);
        // amplitude: any cell type of the model may be given a current, listed or not.
        var cellType = CellTypeOf(parts, 3, path, at);
        var amplitude = biases[index]!["amplitude"]!.AsObject();
        if (!amplitude.ContainsKey(cellType)) amplitude[cellType] = null;
        steps.Add(cellType);
        return new Parsed(path, at, steps, ValueKinds.Number);
    }

    private string CellTypeOf(string[] parts, int i, string path, string at)
    {
        var cellType = parts[i];
        if (!CellTemplates.Names.Contains(cellType))
            throw Error(at, path, $"'{cellType}' is not a cell type of the model; allowed: {string.Join(", ", CellTemplates.Names)}");
        NothingBelow(parts, i + 1, path, at, string.Join('.', parts[..(i + 1)]));
        return cellType;
    }

    /// <summary>Deeper parts walk into what the experiment already holds (mesh_shape.0, spike_data, target_config, gid lists).</summary>
    private Parsed Below(Parsed p, string[] parts, int from)
    {
        if (from == parts.Length) return p;
        JsonNode? node = Navigate(p.Steps);
        var kinds = p.Kinds;
        var steps = new List<object>(p.Steps);
        for (var i = from; i < parts.Length; i++)
        {
            var here = string.Join('.', parts[..i]);
            switch (node)
            {
                case JsonObject o when o.ContainsKey(parts[i]):
                    steps.Add(parts[i]);
                    node = o[parts[i]];
                    break;
                case JsonObject o:
                    throw Error(p.JsonPath, p.Path, $"{here} has no key '{parts[i]}'; keys there: {(o.Count == 0 ? "none" : string.Join(", ", o.Select(kv => kv.Key)))}");
                case JsonArray a when int.TryParse(parts[i], out var k) && k >= 0 && k < a.Count && parts[i] == k.ToString():
                    steps.Add(k);
                    node = a[k];
                    break;
                case JsonArray a:
                    throw Error(p.JsonPath, p.Path, $"{here} has no element '{parts[i]}'; allowed: an index 0–{a.Count - 1}");
                default:
                    throw Error(p.JsonPath, p.Path, $"{here} holds {Describe(node)}; nothing is below it");
            }
            // Inside a gid list or the mesh, elements are integers; elsewhere a value keeps its present form.
            kinds = kinds.HasFlag(ValueKinds.IntPair) || kinds.HasFlag(ValueKinds.Integer) ? ValueKinds.Integer : KindsOf(node);
        }
        return p with { Steps = steps, Kinds = kinds };
    }

    /// <summary>New cell types in weights dicts (docs/dev/batch.md §3): drive index → the types added, with the parameter that added each.</summary>
    private Dictionary<int, Dictionary<string, Parsed>> AddNewTargets(Parsed[] parsed)
    {
        var added = new Dictionary<int, Dictionary<string, Parsed>>();
        foreach (var p in parsed.Where(p => p.Weight))
        {
            var drive = Drive(p.Drive);
            var key = (string)p.Steps[2];
            if (drive[key] is not JsonObject weights) drive[key] = weights = new JsonObject();
            if (weights.ContainsKey(p.CellType!)) continue;
            var wasTarget = TargetsOf(drive).Contains(p.CellType!);
            weights[p.CellType!] = null;
            if (wasTarget) continue;
            if (!added.TryGetValue(p.Drive, out var types)) added[p.Drive] = types = [];
            types.TryAdd(p.CellType!, p);
        }
        return added;
    }

    /// <summary>
    /// synaptic_delays / probability / rate_constant addressed per cell type: the type must be a
    /// target of the drive; a single number becomes a dict over the targets, each with that number.
    /// </summary>
    private void PreparePerTarget(Parsed p, Dictionary<int, Dictionary<string, Parsed>> added)
    {
        var drive = Drive(p.Drive);
        var key = (string)p.Steps[2];
        var targets = TargetsOf(drive);
        if (!targets.Contains(p.CellType!))
            throw Error(p.JsonPath, p.Path, targets.Count == 0
                ? $"drive '{drive["name"]}' has no drive-level targets (weights_ampa and weights_nmda list none); allowed: sweep a weight first, e.g. drives.{drive["name"]}.weights_ampa.{p.CellType}"
                : $"{p.CellType} is not a target of drive '{drive["name"]}'; allowed: one of its targets {string.Join(", ", targets)} (the cell types its weights_ampa / weights_nmda list)");
        switch (drive[key])
        {
            case JsonObject dict:
                if (!dict.ContainsKey(p.CellType!)) dict[p.CellType!] = null;
                break;
            case { } scalar when scalar.GetValueKind() == JsonValueKind.Number:
                var expanded = new JsonObject();
                foreach (var t in targets) expanded[t] = scalar.DeepClone();
                drive[key] = expanded;
                break;
            default:
                throw Error(p.JsonPath, p.Path, $"drives.{drive["name"]}.{key} holds {Describe(drive[key])}; allowed: sweep the whole {key}");
        }
    }

    /// <summary>A target added by a weight needs its entry in every per-target dict the drive has, or the experiment would be refused.</summary>
    private void CheckNewTargetsCovered(Dictionary<int, Dictionary<string, Parsed>> added)
    {
        foreach (var (index, types) in added)
        {
            var drive = Drive(index);
            foreach (var (cellType, by) in types)
                // A per-target parameter for this type has left its slot here already (PreparePerTarget).
                foreach (var key in PerTargetKeys)
                    if (drive[key] is JsonObject dict && !dict.ContainsKey(cellType))
                        throw Error(by.JsonPath, by.Path,
                            $"adds {cellType} as a target of drive '{drive["name"]}', but its {key} lists only {string.Join(", ", dict.Select(kv => kv.Key))}; " +
                            $"allowed: also sweep drives.{drive["name"]}.{key}.{cellType}, or give {key} as one number in the experiment");
        }
    }

    private static List<string> TargetsOf(JsonObject drive) =>
        CellTemplates.Names.Where(t => WeightKeys.Any(k => drive[k] is JsonObject w && w.ContainsKey(t))).ToList();

    private JsonObject Drive(int index) => _root["drives"]!.AsArray()[index]!.AsObject();

    private JsonNode? Navigate(IReadOnlyList<object> steps)
    {
        JsonNode? node = _root;
        foreach (var s in steps) node = s is int i ? node!.AsArray()[i] : node!.AsObject()[(string)s];
        return node;
    }

    private void NothingBelow(string[] parts, int from, string path, string at, string here)
    {
        if (from < parts.Length) throw Error(at, path, $"{here} holds one value; nothing is below it ('{parts[from]}')");
    }

    private static ValueKinds KindsOf(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => ValueKinds.Number,
        JsonValueKind.String => ValueKinds.String,
        JsonValueKind.True or JsonValueKind.False => ValueKinds.Bool,
        JsonValueKind.Array => ValueKinds.Array,
        JsonValueKind.Object => ValueKinds.Object,
        _ => ValueKinds.Any,
    };

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.String => $"the string {node.ToJsonString()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => node.ToJsonString(),
    };

    private static string Keys(Dictionary<string, ValueKinds> keys) => string.Join(", ", keys.Keys.Order(StringComparer.Ordinal));

    private static Dictionary<string, ValueKinds> With(Dictionary<string, ValueKinds> own)
    {
        foreach (var (k, v) in CommonDriveKeys) own[k] = v;
        return own;
    }

    private SweepFileException Error(string at, string path, string message) => new(_file, at, $"\"{path}\": {message}");
}
