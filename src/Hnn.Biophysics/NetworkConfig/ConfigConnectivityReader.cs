using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Re-creates the stored connectivity (docs/dev/io.md §5.3 step 8): every entry with exactly its stored
/// gid pairs, weight, delay, space constant, gain and autapse rule. Stored pairs are final: unlike
/// HNN-core's reader, a stored probability below 1 does not prune them again (docs/dev/io.md §5.5).
/// </summary>
internal static class ConfigConnectivityReader
{
    public static IReadOnlyList<Connection> Read(NetworkSpec net, JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(path, $"{JsonSection.Describe(e)} is not allowed; allowed: a list of connections");
        var result = new List<Connection>();
        var i = 0;
        foreach (var c in e.EnumerateArray())
        {
            result.Add(ReadOne(net, c, $"{path}[{i}]"));
            i++;
        }
        return result;
    }

    /// <summary>lamtha of the first stored connection from <paramref name="source"/>, or null (drive records do not keep it).</summary>
    public static double? SpaceConstantOf(JsonElement connectivity, string source)
    {
        if (connectivity.ValueKind != JsonValueKind.Array) return null;
        foreach (var c in connectivity.EnumerateArray())
            if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("src_type", out var s) && s.ValueKind == JsonValueKind.String
                && s.GetString() == source && c.TryGetProperty("nc_dict", out var nc) && nc.ValueKind == JsonValueKind.Object
                && nc.TryGetProperty("lamtha", out var l) && l.ValueKind == JsonValueKind.Number)
                return l.GetDouble();
        return null;
    }

    private static Connection ReadOne(NetworkSpec net, JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        o.Expect("target_type", "target_gids", "num_targets", "src_type", "src_gids", "num_srcs", "gid_pairs", "loc", "receptor",
            "nc_dict", "allow_autapses", "probability");
        var targetType = o.String("target_type", allowed: "a cell type");
        var srcType = o.String("src_type", allowed: "a cell type or drive");
        // Requested gids before pruning, kept for the record only; HNN-core's reader ignores them too.
        IntList(o, "target_gids");
        IntList(o, "src_gids");
        o.Int("num_targets", allowed: "an integer");
        o.Int("num_srcs", allowed: "an integer");
        var pairsObject = JsonSection.Open(o.Required("gid_pairs", "an object \"source gid\" → [target gids]"), o.At("gid_pairs"));
        var sources = new List<int>();
        var targets = new List<int[]>();
        foreach (var p in pairsObject.Properties())
        {
            var pp = $"{pairsObject.Path}.{p.Name}";
            if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var src))
                throw new ExperimentFileException(pp, $"the key \"{p.Name}\" is not allowed; allowed: a source gid written as a string, e.g. \"24\"");
            if (p.Value.ValueKind != JsonValueKind.Array)
                throw new ExperimentFileException(pp, $"{JsonSection.Describe(p.Value)} is not allowed; allowed: a list of target gids");
            sources.Add(src);
            targets.Add(p.Value.EnumerateArray().Select((t, k) => JsonSection.AsInt(t, $"{pp}[{k}]", "a target gid")).ToArray());
        }
        var loc = o.String("loc", allowed: "\"proximal\", \"distal\" or a section name");
        var receptor = o.String("receptor", allowed: "a receptor name");
        var nc = JsonSection.Open(o.Required("nc_dict", "{A_delay, A_weight, lamtha, threshold, gain}"), o.At("nc_dict"));
        nc.Expect("A_delay", "A_weight", "lamtha", "threshold", "gain");
        var delay = nc.Number("A_delay", allowed: "a delay in ms");
        var weight = nc.Number("A_weight", allowed: "a weight in µS");
        var lamtha = nc.Number("lamtha", allowed: "a space constant > 0");
        var threshold = nc.NullableNumber("threshold", null, "a threshold in mV");
        var gain = nc.Number("gain", 1.0, "a gain >= 0");
        nc.RejectUnknownKeys();
        if (threshold is { } th && th != SpikeDetector.Threshold)
            throw new ExperimentFileException(nc.At("threshold"),
                $"{Invalid.Show(th)} is not allowed: the solver detects spikes at {Invalid.Show(SpikeDetector.Threshold)} mV; allowed: {Invalid.Show(SpikeDetector.Threshold)}");
        var autapses = o.Get("allow_autapses") switch
        {
            null => throw new ExperimentFileException(o.At("allow_autapses"), "missing; allowed: 0 or 1"),
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var b) && b is 0 or 1 => n.GetInt32() == 1,
            { } v => throw new ExperimentFileException(o.At("allow_autapses"), $"{JsonSection.Describe(v)} is not allowed; allowed: 0 or 1 (or true/false)"),
        };
        var probability = o.Number("probability", allowed: "a probability in (0, 1]");
        if (!(probability > 0 && probability <= 1))
            throw new ExperimentFileException(o.At("probability"), $"{Invalid.Show(probability)} is not allowed; allowed: a probability in (0, 1]");
        o.RejectUnknownKeys();

        Connection built;
        try
        {
            built = sources.Count == 0
                ? Empty(net, srcType, targetType, loc, receptor, weight, delay, lamtha, threshold, gain, autapses)
                : net.BuildConnection(Gids.Of([.. sources]), Gids.PerSource(targets), loc, receptor, weight, delay, lamtha,
                    threshold, gain, autapses, probability: 1.0, connSeed: null);
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentFileException(path, UserMessage.Of(ex), ex);
        }
        if (built.SourceType != srcType)
            throw new ExperimentFileException(o.At("src_type"), $"\"{srcType}\" is not allowed: the gid_pairs sources are gids of '{built.SourceType}'; allowed: \"{built.SourceType}\"");
        if (built.TargetType != targetType)
            throw new ExperimentFileException(o.At("target_type"), $"\"{targetType}\" is not allowed: the gid_pairs targets are gids of '{built.TargetType}'; allowed: \"{built.TargetType}\"");
        return built with { Probability = probability, ConnSeed = null };
    }

    // Every pair pruned away: HNN-core stores "gid_pairs": {}; the entry connects nothing.
    private static Connection Empty(NetworkSpec net, string srcType, string targetType, string loc, string receptor,
        double weight, double delay, double lamtha, double? threshold, double gain, bool autapses)
    {
        if (!net.HasGidRange(srcType)) throw Invalid.Argument("src_type", srcType, "not a cell type or drive of this network", Invalid.List(net.GidRanges.Select(r => r.Name)));
        if (!net.IsCellType(targetType)) throw Invalid.Argument("target_type", targetType, "not a cell type of this network", Invalid.List(net.CellTypeNames));
        net.CheckLocationAndReceptor(targetType, loc, receptor);
        return new Connection(srcType, targetType, loc, receptor, weight, delay, lamtha, threshold ?? net.Threshold, gain, 1.0,
            autapses, null, [], [], []);
    }

    private static void IntList(JsonSection o, string key)
    {
        var v = o.Required(key, "a list of gids");
        if (v.ValueKind != JsonValueKind.Array) throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v)} is not allowed; allowed: a list of gids");
        var i = 0;
        foreach (var g in v.EnumerateArray()) JsonSection.AsInt(g, $"{o.At(key)}[{i++}]", "a gid");
    }
}
