using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// Beyond HNN-core: turns a replay drive's target_config (source id or pattern → targeting) into
/// <see cref="ReplayTargetGroup"/>s. Sources with equal configurations share a group, so a
/// group becomes one connection entry per (target type, receptor) — HNN-core's shape — instead of
/// one per source. Each group samples with conn_seed + 100·(group + 1) + target index unless it
/// has its own conn_seed (docs/experiment-file.md).
/// </summary>
internal static class ReplayGrouping
{
    public static List<ReplayTargetGroup> Build(NetworkSpec net, SpikeSource[] sources, string location, double spaceConstant,
        long? connSeed, IEnumerable<KeyValuePair<string, ReplayTargetConfig>>? targetConfig)
    {
        var groups = new List<ReplayTargetGroup>();
        var config = targetConfig?.ToList() ?? [];
        if (config.Count == 0) return groups;

        var index = sources.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var byKey = new Dictionary<string, (ReplayTargetConfig Config, string FirstKey, List<int> Sources)>();
        var keyOrder = new List<string>();
        var claimedBy = new Dictionary<int, string>();
        foreach (var (sourceKey, cfg) in config)
        {
            var members = Members(sourceKey, sources, index);
            if (members.Length == 0)
                throw Invalid.Argument("target_config", sourceKey, "matches no source id of spike_data",
                    (sources.Length <= 8 ? Invalid.List(sources.Select(s => s.Id)) : $"ids such as '{sources[0].Id}' ({sources.Length} sources)") +
                    ", or a pattern with * and ?");
            if (!byKey.TryGetValue(cfg.Key, out var entry))
            {
                byKey[cfg.Key] = entry = (cfg, sourceKey, []);
                keyOrder.Add(cfg.Key);
            }
            foreach (var m in members)
            {
                if (claimedBy.TryGetValue(m, out var other))
                    throw Invalid.Argument("target_config", sourceKey,
                        $"source '{sources[m].Id}' is also configured by '{other}'", "each source in at most one target_config entry");
                claimedBy[m] = sourceKey;
                entry.Sources.Add(m);
            }
        }
        for (var k = 0; k < keyOrder.Count; k++)
        {
            var (cfg, firstKey, members) = byKey[keyOrder[k]];
            var prefix = $"target_config['{firstKey}'].";
            var groupLocation = cfg.Location ?? location;
            var targets = DriveTargeting.Resolve(net, groupLocation, cfg.WeightsAmpa, cfg.WeightsNmda,
                cfg.SynapticDelays ?? 0.1, cfg.Probability ?? 1.0, prefix);
            if (cfg.TargetCellTypes is { } declared && !declared.ToHashSet().SetEquals(targets.Select(t => t.CellType)))
                throw Invalid.Argument(prefix + "target_cell_types", declared, "must name exactly the cell types given weights",
                    Invalid.List(targets.Select(t => t.CellType)));
            var lamtha = cfg.SpaceConstant ?? spaceConstant;
            if (!(lamtha > 0)) throw Invalid.Argument(prefix + "space_constant", lamtha, "the space constant must be positive", "a number > 0");
            var seed = cfg.ConnSeed ?? connSeed + 100 * (k + 1);
            foreach (var t in targets) NetworkSpec.CheckProbability(prefix + "probability", t.Probability, seed);
            groups.Add(new ReplayTargetGroup(members.Order().ToArray(), groupLocation, targets, lamtha, seed));
        }
        return groups;
    }

    /// <summary>A key is a source id, or a pattern with * and ? naming a group of sources.</summary>
    private static int[] Members(string key, SpikeSource[] sources, Dictionary<string, int> index)
    {
        if (key.IndexOfAny(['*', '?']) < 0)
            return index.TryGetValue(key, out var i) ? [i] : [];
        var pattern = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(key).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        return sources.Select((s, i) => (s, i)).Where(p => pattern.IsMatch(p.s.Id)).Select(p => p.i).ToArray();
    }
}
