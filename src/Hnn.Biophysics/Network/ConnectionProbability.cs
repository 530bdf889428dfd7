using Hnn.Biophysics.Random;

namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's connection-probability pruning (docs/dev/network.md §8): flatten the pairs in order, keep
/// round-half-even(N·p) of them chosen by <c>default_rng(conn_seed).choice(N, k, replace=False)</c>,
/// preserve order and drop sources left without targets.
/// </summary>
internal static class ConnectionProbability
{
    public static GidPairs[] Prune(IReadOnlyList<GidPairs> pairs, double probability, long connSeed)
    {
        var n = pairs.Sum(p => p.Targets.Count);
        var k = (int)Math.Round(n * probability, MidpointRounding.ToEven);
        var keep = new DefaultRng(connSeed).ChooseWithoutReplacement(n, k);
        var result = new List<GidPairs>(pairs.Count);
        var index = 0;
        foreach (var p in pairs)
        {
            var kept = new List<int>(p.Targets.Count);
            foreach (var t in p.Targets)
                if (keep[index++]) kept.Add(t);
            if (kept.Count > 0) result.Add(new GidPairs(p.Source, kept.ToArray()));
        }
        return result.ToArray();
    }
}
