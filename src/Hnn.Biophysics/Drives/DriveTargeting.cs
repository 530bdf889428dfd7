using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// Resolves a drive's weights, delays and probabilities into ordered <see cref="DriveTarget"/>s
/// (docs/dev/drives.md §4.1 and §4.2 steps 4–7), checking every rule on the way.
/// </summary>
internal static class DriveTargeting
{
    public static DriveTarget[] Resolve(
        NetworkSpec net, string location,
        IReadOnlyDictionary<string, double>? weightsAmpa, IReadOnlyDictionary<string, double>? weightsNmda,
        PerCellType synapticDelays, PerCellType probability, string argumentPrefix = "")
    {
        string Arg(string name) => argumentPrefix + name;
        var ampa = weightsAmpa ?? new Dictionary<string, double>();
        var nmda = weightsNmda ?? new Dictionary<string, double>();
        var types = ampa.Keys.Concat(nmda.Keys.Where(k => !ampa.ContainsKey(k))).ToList();
        if (types.Count == 0)
            throw Invalid.Argument(Arg("weights_ampa"), weightsAmpa,
                "No target cell types have been given a synaptic weight for this drive",
                "a dict cell type → weight (µS) in weights_ampa and/or weights_nmda");

        foreach (var t in types)
            if (!net.IsCellType(t))
                throw Invalid.Argument(Arg(ampa.ContainsKey(t) ? "weights_ampa" : "weights_nmda"), t,
                    "Allowed drive target cell types are: " + Invalid.List(net.CellTypeNames), Invalid.List(net.CellTypeNames));
        foreach (var (receptor, dict) in new[] { ("weights_ampa", ampa), ("weights_nmda", nmda) })
            foreach (var kv in dict)
                if (!double.IsFinite(kv.Value) || kv.Value < 0)
                    throw Invalid.Argument($"{Arg(receptor)}['{kv.Key}']", kv.Value, "a synaptic weight must be a finite number >= 0",
                        "weights >= 0 (µS)");

        if (location == "distal" && types.Contains(CellTemplates.L5Basket))
            throw Invalid.Argument(Arg("location"), location,
                "Due to physiological/anatomical constraints, a distal drive cannot target L5_basket cell types. " +
                "L5_basket cell types must remain undefined by the user in all synaptic weights dictionaries for this drive",
                "a proximal location, or remove L5_basket from weights_ampa/weights_nmda");

        var delays = PerType(synapticDelays, types, Arg("synaptic_delays"),
            "synaptic_delays is either a common float or needs to be specified as a dict for each of the cell types defined in weights_ampa and weights_nmda");
        foreach (var kv in delays)
            if (!double.IsFinite(kv.Value) || kv.Value < 0)
                throw Invalid.Argument($"{Arg("synaptic_delays")}['{kv.Key}']", kv.Value, "a synaptic delay must be a finite number >= 0", "delays >= 0 (ms)");
        var probabilities = PerType(probability, types, Arg("probability"),
            "probability is either a common float or needs to be specified as a dict for each of the cell types defined in weights_ampa and weights_nmda");
        foreach (var kv in probabilities)
            if (!(kv.Value > 0 && kv.Value <= 1))
                throw Invalid.Argument($"{Arg("probability")}['{kv.Key}']", kv.Value, "probability must be in the range (0,1)", "0 < probability <= 1");

        CheckLocation(net, location, types, Arg("location"));

        var ordered = net.CellTypeNames.Where(types.Contains).ToList();
        if (net.LegacyMode)
            ordered = net.CellTypeNames.ToList();   // docs/dev/drives.md §4.6: every type, zero AMPA weight where not asked
        return ordered.Select(t => types.Contains(t)
                ? new DriveTarget(t, ampa.TryGetValue(t, out var a) ? a : null, nmda.TryGetValue(t, out var n) ? n : null,
                    delays[t], probabilities[t])
                : new DriveTarget(t, 0.0, null, 0.1, 1.0))
            .ToArray();
    }

    private static Dictionary<string, double> PerType(PerCellType value, List<string> types, string argument, string reason)
    {
        if (value.Common is { } common) return types.ToDictionary(t => t, _ => common);
        var byType = value.ByType!;
        if (!byType.Keys.ToHashSet().SetEquals(types))
            throw Invalid.Argument(argument, value.ToString(), reason + $" ({Invalid.List(types)})",
                $"one number, or a dict with exactly the keys {Invalid.List(types)}");
        return types.ToDictionary(t => t, t => byType[t]);
    }

    /// <summary>docs/dev/drives.md §4.2 step 6: a sect_loc key or a section every target type has.</summary>
    public static void CheckLocation(NetworkSpec net, string location, IEnumerable<string> types, string argument)
    {
        if (location is "proximal" or "distal") return;
        var missing = types.Where(t => !net.TemplateOf(t).SectionNames.Contains(location)).ToArray();
        if (missing.Length == 0) return;
        var common = types.Select(t => net.TemplateOf(t).SectionNames.ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
        throw Invalid.Argument(argument, location,
            $"the location '{location}' is not defined for one of the targeted cells ({Invalid.List(missing)})",
            Invalid.List(new[] { "proximal", "distal" }.Concat(common)));
    }
}
