using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

public sealed partial record NetworkSpec
{
    /// <summary>
    /// HNN-core's <c>add_connection</c> (docs/dev/network.md §7): connects every source gid to its targets
    /// on the sections of <paramref name="loc"/> ("proximal", "distal" or a section name) through
    /// <paramref name="receptor"/>; weight (µS) and delay (ms) fall off with lateral distance with
    /// space constant <paramref name="lamtha"/> (docs/dev/network.md §6). A probability below 1 keeps a
    /// reproducible random subset of the pairs, drawn with <paramref name="connSeed"/> (§8).
    /// </summary>
    public NetworkSpec AddConnection(
        Gids srcGids, Gids targetGids, string loc, string receptor,
        double weight, double delay, double lamtha,
        double? threshold = null, double gain = 1.0, bool allowAutapses = true,
        double probability = 1.0, long? connSeed = null) =>
        WithConnection(BuildConnection(srcGids, targetGids, loc, receptor, weight, delay, lamtha,
            threshold, gain, allowAutapses, probability, connSeed));

    internal Connection BuildConnection(
        Gids srcGids, Gids targetGids, string loc, string receptor,
        double weight, double delay, double lamtha,
        double? threshold, double gain, bool allowAutapses, double probability, long? connSeed)
    {
        var sources = ResolveSources(srcGids);
        var targets = ResolveTargets(targetGids, sources.Length);

        var srcType = SingleType("src_gids", sources);
        // Target lists are often one array shared by every source (all-to-all): look at each array once.
        var distinctLists = targets.Distinct<int[]>(ReferenceEqualityComparer.Instance).ToArray();
        if (distinctLists.All(t => t.Length == 0))
            throw Invalid.Argument("target_gids", targetGids, "no target gids given", "at least one target gid");
        var targetType = TypeOf(distinctLists.First(t => t.Length > 0)[0]);
        if (distinctLists.Any(list => list.Any(g => TypeOf(g) != targetType)))
            SingleType("target_gids", targets.SelectMany(t => t).ToArray());   // throws, naming the first gid of another type
        if (!IsCellType(targetType))
            throw Invalid.Argument("target_gids", targetGids, $"the targets belong to drive '{targetType}'",
                $"gids of the cell types {Invalid.List(CellTypeNames)}");

        CheckLocationAndReceptor(targetType, loc, receptor);
        CheckFinite("weight", weight);
        if (weight < 0) throw Invalid.Argument("weight", weight, "a synaptic weight cannot be negative", "a number >= 0 (µS)");
        CheckFinite("delay", delay);
        if (delay < 0) throw Invalid.Argument("delay", delay, "a synaptic delay cannot be negative", "a number >= 0 (ms)");
        CheckFinite("lamtha", lamtha);
        if (!(lamtha > 0)) throw Invalid.Argument("lamtha", lamtha, "the space constant must be positive", "a number > 0");
        CheckFinite("gain", gain);
        if (gain < 0)
            throw Invalid.Argument("gain", gain,
                $"Synaptic gains must be non-negative. Got {Invalid.Show(gain)} for connection {srcType}->{targetType}", "a number >= 0");
        if (threshold is { } th) CheckFinite("threshold", th);
        CheckProbability("probability", probability, connSeed);

        var pairs = new GidPairs[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var list = allowAutapses ? targets[i] : TargetsWithout.Of(targets[i], sources[i]);
            pairs[i] = new GidPairs(sources[i], list);
        }
        IReadOnlyList<GidPairs> kept = probability < 1.0
            ? ConnectionProbability.Prune(pairs, probability, connSeed!.Value)
            : pairs.Where(p => p.Targets.Count > 0).ToArray();

        return new Connection(srcType, targetType, loc, receptor, weight, delay, lamtha,
            threshold ?? Threshold, gain, probability, allowAutapses, connSeed,
            sources, distinctLists.SelectMany(t => t).Distinct().Order().ToArray(), kept);
    }

    internal static void CheckFinite(string argument, double value)
    {
        if (!double.IsFinite(value)) throw Invalid.Argument(argument, value, "not a finite number", "a finite number");
    }

    /// <summary>
    /// docs/dev/network.md §8 step 1: 0 &lt; p ≤ 1. Below 1 a seed is required: HNN-core would fall back on
    /// OS entropy, which makes the network irreproducible (docs/differences-from-hnn-core.md).
    /// </summary>
    internal static void CheckProbability(string argument, double probability, long? connSeed)
    {
        if (!(probability > 0.0 && probability <= 1.0))
            throw Invalid.Argument(argument, probability, "probability must be in the range (0,1)", "0 < probability <= 1");
        if (probability < 1.0 && connSeed is null)
            throw Invalid.Argument("conn_seed", null,
                $"{argument} = {Invalid.Show(probability)} < 1 samples pairs at random and needs a seed to be reproducible",
                "a non-negative integer");
        if (connSeed is < 0)
            throw Invalid.Argument("conn_seed", connSeed, "expected non-negative integer", "an integer >= 0");
    }

    internal void CheckLocationAndReceptor(string targetType, string loc, string receptor)
    {
        var template = TemplateOf(targetType);
        var groups = new[] { "proximal", "distal" };
        if (!groups.Contains(loc) && !template.SectionNames.Contains(loc))
            throw Invalid.Argument("loc", loc, $"the loc '{loc}' is not defined for '{targetType}' cells",
                Invalid.List(groups.Concat(template.SectionNames)));
        foreach (var section in template.SectionsFor(loc))
            if (!template.HasSynapse(section, receptor))
                throw Invalid.Argument("receptor", receptor,
                    $"section '{section}' of {targetType} (loc '{loc}') has no '{receptor}' synapse",
                    Invalid.List(template.Synapses.Where(s => s.Section == section).Select(s => s.Receptor)));
    }

    private int[] ResolveSources(Gids gids)
    {
        if (gids.Name is { } name)
        {
            if (!HasGidRange(name))
                throw Invalid.Argument("src_gids", name, "not a cell type or drive of this network",
                    Invalid.List(GidRanges.Select(r => r.Name)));
            return RangeOf(name).Gids.ToArray();
        }
        if (gids.Names is { } names)
            return names.SelectMany(n => ResolveSources(Gids.Of(n))).ToArray();
        if (gids.List is { } list)
        {
            if (list.Count == 0) throw Invalid.Argument("src_gids", list, "no source gids given", "at least one gid");
            foreach (var g in list) CheckGidExists("src_gids", g);
            return list.ToArray();
        }
        throw Invalid.Argument("src_gids", gids, "a list of target lists is only allowed for target_gids",
            "a name, a gid, a range or a list of gids");
    }

    private int[][] ResolveTargets(Gids gids, int sourceCount)
    {
        if (gids.Name is { } name)
        {
            if (!IsCellType(name))
                throw Invalid.Argument("target_gids", name, "not a cell type of this network", Invalid.List(CellTypeNames));
            var all = RangeOf(name).Gids.ToArray();
            return Enumerable.Repeat(all, sourceCount).ToArray();
        }
        if (gids.Names is { } names)
        {
            var all = names.SelectMany(n => ResolveTargets(Gids.Of(n), 1)[0]).ToArray();
            return Enumerable.Repeat(all, sourceCount).ToArray();
        }
        if (gids.List is { } list)
        {
            foreach (var g in list) CheckGidExists("target_gids", g);
            var copy = list.ToArray();
            return Enumerable.Repeat(copy, sourceCount).ToArray();
        }
        var nested = gids.Nested!;
        if (nested.Count != sourceCount)
            throw Invalid.Argument("target_gids", gids,
                $"target_gids must have a list for each src ({nested.Count} lists for {sourceCount} sources)",
                $"{sourceCount} lists");
        foreach (var g in nested.SelectMany(t => t)) CheckGidExists("target_gids", g);
        return nested.Select(t => t.ToArray()).ToArray();
    }

    private void CheckGidExists(string argument, int gid)
    {
        if (gid < 0 || gid >= TotalGids)
            throw Invalid.Argument(argument, gid, $"{argument} {gid} not in net.gid_ranges", $"gids 0 … {TotalGids - 1}");
    }

    // The cell type or drive of a gid (checked to exist).
    private string TypeOf(int gid)
    {
        var start = 0;
        foreach (var c in CellTypes)
        {
            if (gid < start + c.Count) return c.Name;
            start += c.Count;
        }
        return GidRanges.First(r => r.Contains(gid)).Name;
    }

    private string SingleType(string argument, IReadOnlyList<int> gids)
    {
        var ranges = GidRanges;   // computed once: connections can have 10⁵ gids
        string TypeOf(int gid) => ranges.First(r => r.Contains(gid)).Name;
        var type = TypeOf(gids[0]);
        foreach (var g in gids)
        {
            var t = TypeOf(g);
            if (t != type)
                throw Invalid.Argument(argument, gids.Count > 12 ? (object)$"[{gids[0]}, …, {g}, …]" : gids,
                    $"All {argument} must be of the same type (gid {gids[0]} is {type}, gid {g} is {t})",
                    "gids of one cell type or drive");
        }
        return type;
    }
}
