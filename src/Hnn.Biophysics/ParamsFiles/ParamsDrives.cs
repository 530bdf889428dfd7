using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// HNN-core's <c>add_drives_from_params</c> (docs/dev/params.md §5): the feeds of a parameter set
/// become drives, added in alphabetical order of name, each seeded by its first gid (the old
/// GUI's "absolute gid" seeding); then tonic biases from <c>Itonic_*</c> keys. Outside legacy
/// mode, feeds that could never fire are left out; in legacy mode every feed is kept and evoked
/// seeds are lowered by 18, which reproduces the GUI's seeds.
/// </summary>
internal static class ParamsDrives
{
    /// <summary>The drives and biases of <paramref name="p"/> added to <paramref name="net"/>; legacy rules follow <see cref="NetworkSpec.LegacyMode"/>.</summary>
    public static NetworkSpec Add(NetworkSpec net, HnnParams p)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(p);
        var feeds = LegacyFeeds.From(p);
        var legacy = net.LegacyMode;
        var tstop = p.Number("tstop");

        var adders = new List<(string Name, string Keys, Func<NetworkSpec, long, NetworkSpec> Add)>();
        foreach (var f in feeds.Common)
            if (legacy || f.TStop >= f.T0)
                adders.Add((f.Name, $"*_input_{Suffix(f)}, input_{Suffix(f)}_*", (n, gid) => Bursty(n, f, gid)));
        foreach (var f in feeds.Evoked)
            adders.Add((f.Name, $"*_{f.Name[..6]}_{f.Name[6..]}", (n, gid) => Evoked(n, f, gid)));
        if (legacy || !(feeds.Gauss.Mu > tstop))
            adders.Add(("extgauss", "*_Gauss_*, prng_seedcore_extgauss", (n, gid) => Gauss(n, feeds.Gauss, gid)));
        if (legacy || !(feeds.Poisson.T < feeds.Poisson.T0))
            adders.Add(("extpois", "*_Pois_*, t0_pois, T_pois, prng_seedcore_extpois", (n, gid) => Poisson(n, feeds.Poisson, gid)));

        foreach (var (name, keys, add) in adders.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            try
            {
                net = add(net, net.TotalGids);   // the drive's first gid
            }
            catch (ArgumentException e)
            {
                throw new ParamsFileException(p.SourceName, $"drive '{name}' (keys {keys})", Experiment.UserMessage.Of(e), e);
            }
        }
        return AddTonicBiases(net, p);
    }

    private static string Suffix(CommonFeed f) => f.Location == "proximal" ? "prox" : "dist";

    private static NetworkSpec Bursty(NetworkSpec net, CommonFeed f, long firstGid) =>
        net.AddBurstyDrive(f.Name, f.BurstRate, f.Location, tstart: f.T0, tstartStd: f.T0Stdev, tstop: f.TStop,
            burstStd: f.BurstStd, numspikes: f.EventsPerCycle, spikeIsi: 10, nDriveCells: f.Repeats, cellSpecific: false,
            weightsAmpa: Ampa(f.Targets), weightsNmda: Nmda(f.Targets), synapticDelays: Delays(f.Targets),
            spaceConstant: 100.0, eventSeed: f.SeedCore + firstGid);

    private static NetworkSpec Evoked(NetworkSpec net, EvokedFeed f, long firstGid) =>
        net.AddEvokedDrive(f.Name, f.Mu, f.Sigma, f.NumSpikes, f.Location,
            nDriveCells: f.Sync ? 1 : null, cellSpecific: !f.Sync,
            weightsAmpa: Ampa(f.Targets), weightsNmda: Nmda(f.Targets), spaceConstant: 3.0, synapticDelays: Delays(f.Targets),
            // The old GUI counted 18 more bursty drive cells before the evoked ones.
            eventSeed: f.SeedCore - (net.LegacyMode ? 18 : 0) + firstGid);

    private static NetworkSpec Gauss(NetworkSpec net, GaussFeed f, long firstGid) =>
        net.AddEvokedDrive("extgauss", f.Mu, f.Sigma, numspikes: 50, location: "proximal",
            weightsAmpa: Ampa(f.Targets), weightsNmda: new Dictionary<string, double>(), spaceConstant: 100.0,
            synapticDelays: Delays(f.Targets), eventSeed: f.SeedCore + firstGid);

    private static NetworkSpec Poisson(NetworkSpec net, PoissonFeed f, long firstGid) =>
        net.AddPoissonDrive("extpois", PerCellType.Of(f.Rates.ToDictionary(r => r.Key, r => r.Value)), "proximal",
            tstart: Math.Max(0, f.T0), tstop: Math.Max(0, f.T),   // negative times of old files are clipped at 0
            weightsAmpa: Ampa(f.Targets), weightsNmda: Nmda(f.Targets), spaceConstant: 100.0,
            synapticDelays: Delays(f.Targets), eventSeed: f.SeedCore + firstGid);

    private static Dictionary<string, double> Ampa(IEnumerable<FeedTarget> t) =>
        t.Where(x => x.WeightAmpa is not null).ToDictionary(x => x.CellType, x => x.WeightAmpa!.Value);

    private static Dictionary<string, double> Nmda(IEnumerable<FeedTarget> t) =>
        t.Where(x => x.WeightNmda is not null).ToDictionary(x => x.CellType, x => x.WeightNmda!.Value);

    private static PerCellType Delays(IEnumerable<FeedTarget> t) => PerCellType.Of(t.ToDictionary(x => x.CellType, x => x.Delay));

    /// <summary>
    /// <c>Itonic_A_&lt;cell&gt;_soma</c>, <c>Itonic_t0_…</c>, <c>Itonic_T_…</c>: one "tonic" bias over every
    /// cell type that has all three. Start and end are those of the last such type (HNN-core's rule).
    /// Reading a file drops these keys (they are not in the default set), so only keys set with
    /// <see cref="HnnParams.With(string, ParamValue)"/> reach here.
    /// </summary>
    private static NetworkSpec AddTonicBiases(NetworkSpec net, HnnParams p)
    {
        var amplitudes = new Dictionary<string, double>();
        double t0 = 0, end = 0;
        foreach (var (cell, shortName) in LegacyFeeds.Cells)
        {
            string[] keys = [$"Itonic_A_{shortName}_soma", $"Itonic_t0_{shortName}_soma", $"Itonic_T_{shortName}_soma"];
            var present = keys.Count(p.ContainsKey);
            if (present == 0) continue;
            if (present < 3)
                throw new ParamsFileException(p.SourceName, $"key '{keys.First(k => !p.ContainsKey(k))}'",
                    $"Tonic input must have the amplitude, start time and end time specified. One or more parameter may be missing for cell type {cell}; " +
                    $"allowed: all three of {string.Join(", ", keys)}, or none");
            amplitudes[cell] = p.Number(keys[0]);
            t0 = p.Number(keys[1]);
            end = p.Number(keys[2]);
        }
        if (amplitudes.Count == 0) return net;
        try
        {
            return net.AddTonicBias(amplitudes, t0, end);
        }
        catch (ArgumentException e)
        {
            throw new ParamsFileException(p.SourceName, "keys Itonic_*", Experiment.UserMessage.Of(e), e);
        }
    }
}
