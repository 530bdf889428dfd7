namespace Hnn.Biophysics.ParamsFiles;

/// <summary>One target cell type of a feed: AMPA and NMDA weight (µS, null = none) and delay (ms).</summary>
internal sealed record FeedTarget(string CellType, double? WeightAmpa, double? WeightNmda, double Delay);

/// <summary>A rhythmic feed common to all its drive cells: becomes a bursty drive.</summary>
internal sealed record CommonFeed(
    string Name, string Location, double T0, double T0Stdev, double TStop, double BurstRate, double BurstStd,
    int EventsPerCycle, int Repeats, long SeedCore, IReadOnlyList<FeedTarget> Targets);

/// <summary>An evoked feed (<c>t_evprox_n</c> / <c>t_evdist_n</c>): becomes an evoked drive.</summary>
internal sealed record EvokedFeed(
    string Name, string Location, double Mu, double Sigma, int NumSpikes, long SeedCore, bool Sync,
    IReadOnlyList<FeedTarget> Targets);

/// <summary>The Gaussian feed <c>extgauss</c>: an evoked drive of 50 spikes per cell.</summary>
internal sealed record GaussFeed(double Mu, double Sigma, long SeedCore, IReadOnlyList<FeedTarget> Targets);

/// <summary>The Poisson feed <c>extpois</c>, with its raw interval (before clipping at 0) and rates per type.</summary>
internal sealed record PoissonFeed(double T0, double T, long SeedCore, IReadOnlyList<FeedTarget> Targets,
    IReadOnlyList<KeyValuePair<string, double>> Rates);

/// <summary>
/// The old GUI's "feeds" read from a parameter set (HNN-core's create_pext; docs/dev/params.md §4):
/// every key is read whether or not the feed will be used, so a bad value anywhere is reported.
/// </summary>
internal sealed record LegacyFeeds(
    IReadOnlyList<CommonFeed> Common, IReadOnlyList<EvokedFeed> Evoked, GaussFeed Gauss, PoissonFeed Poisson)
{
    /// <summary>Cell types with their params-file short names, in the network's order.</summary>
    public static readonly (string Long, string Short)[] Cells =
        [("L2_basket", "L2Basket"), ("L2_pyramidal", "L2Pyr"), ("L5_basket", "L5Basket"), ("L5_pyramidal", "L5Pyr")];

    public static LegacyFeeds From(HnnParams p)
    {
        var tstop = p.Number("tstop");
        CommonFeed[] common = [ReadRhythmic(p, "prox", "proximal", "bursty1", tstop), ReadRhythmic(p, "dist", "distal", "bursty2", tstop)];
        var (nprox, ndist) = HnnParams.CountEvokedInputs(p.Keys);
        var evoked = new List<EvokedFeed>();
        for (var i = 1; i <= nprox; i++) evoked.Add(ReadEvoked(p, "evprox", i, "proximal", l5Delay: 1.0));
        for (var i = 1; i <= ndist; i++) evoked.Add(ReadEvoked(p, "evdist", i, "distal", l5Delay: 0.1));
        return new LegacyFeeds(common, evoked, ReadGauss(p), ReadPoisson(p));
    }

    private static CommonFeed ReadRhythmic(HnnParams p, string suffix, string location, string name, double tstop)
    {
        var delayL2 = p.Number($"input_{suffix}_A_delay_L2");
        var delayL5 = p.Number($"input_{suffix}_A_delay_L5");
        // HNN-core's rule "an L5 delay of -1 takes the L2 delay" looks up a key its feed does not have
        // and fails (KeyError 'L2Pyr'), so -1 has never worked: refuse it clearly.
        if (delayL5 == -1)
            throw new ParamsFileException(p.SourceName, $"key 'input_{suffix}_A_delay_L5'",
                "-1 is not allowed: HNN-core's rule for -1 (use the L2 delay) fails with KeyError 'L2Pyr'; allowed: a delay >= 0 (ms)");
        var targets = new List<FeedTarget>();
        foreach (var (cell, shortName) in Cells)
        {
            if (location == "distal" && cell == "L5_basket") continue;   // the distal feed has no L5 basket keys
            var delay = shortName.StartsWith("L2", StringComparison.Ordinal) ? delayL2 : delayL5;
            targets.Add(new FeedTarget(cell, p.Number($"input_{suffix}_A_weight_{shortName}_ampa"),
                p.Number($"input_{suffix}_A_weight_{shortName}_nmda"), delay));
        }
        // The feed ends at the simulation's tstop at the latest. (HNN-core's "f_stdev 0 → weights × 5"
        // rule tests key endings no feed key has, so it never applies: not reproduced.)
        var end = Math.Min(p.Number($"tstop_input_{suffix}"), tstop);
        return new CommonFeed(name, location, p.Number($"t0_input_{suffix}"), p.Number($"t0_input_stdev_{suffix}"), end,
            p.Number($"f_input_{suffix}"), p.Number($"f_stdev_{suffix}"), p.Integer($"events_per_cycle_{suffix}"),
            p.Integer($"repeats_{suffix}"), p.Truncated($"prng_seedcore_input_{suffix}"), targets);
    }

    private static EvokedFeed ReadEvoked(HnnParams p, string prefix, int n, string location, double l5Delay)
    {
        var input = $"{prefix}_{n}";
        var targets = new List<FeedTarget>();
        foreach (var (cell, shortName) in Cells)
        {
            if (location == "distal" && cell == "L5_basket") continue;
            var delay = shortName.StartsWith("L2", StringComparison.Ordinal) ? 0.1 : l5Delay;
            targets.Add(new FeedTarget(cell, p.Number($"gbar_{input}_{shortName}_ampa"), p.Number($"gbar_{input}_{shortName}_nmda"), delay));
        }
        return new EvokedFeed($"{prefix}{n}", location, p.Number($"t_{input}"), p.Number($"sigma_t_{input}"),
            p.Integer($"numspikes_{input}"), p.Truncated($"prng_seedcore_{input}"), p.Truthy("sync_evinput"), targets);
    }

    // The Gaussian feed's delays come from the slot of each type's mean: HNN-core's quirk (delay = <cell>_Gauss_mu).
    private static GaussFeed ReadGauss(HnnParams p) =>
        new(p.Number("L2Basket_Gauss_mu"), p.Number("L2Basket_Gauss_sigma"), p.Truncated("prng_seedcore_extgauss"),
            Cells.Select(c => new FeedTarget(c.Long, p.Number($"{c.Short}_Gauss_A_weight"), null, p.Number($"{c.Short}_Gauss_mu"))).ToArray());

    private static PoissonFeed ReadPoisson(HnnParams p)
    {
        var targets = Cells.Select(c => new FeedTarget(c.Long, p.Number($"{c.Short}_Pois_A_weight_ampa"),
            p.Number($"{c.Short}_Pois_A_weight_nmda"), c.Long == "L2_pyramidal" ? 0.1 : 1.0)).ToArray();
        // A rate that is not positive (the "null" Poisson feeds of old files) becomes 1 Hz.
        var rates = Cells.Select(c => new KeyValuePair<string, double>(c.Long,
            p.Number($"{c.Short}_Pois_lamtha") is var r && r > 0 ? r : 1.0)).ToArray();
        return new PoissonFeed(p.Number("t0_pois"), p.Number("T_pois"), p.Truncated("prng_seedcore_extpois"), targets, rates);
    }
}
