using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's default neocortical column, <c>neymotin_2020_model</c> (alias the deprecated
/// <c>jones_2009_model</c>): the four cell types and the 16 cell-to-cell connections of
/// docs/dev/network.md §5.2 with the default.json weights, plus the standard ERP drive set (docs/dev/drives.md §8).
/// </summary>
public static class Jones2009
{
    /// <summary>The params keys of the cell-to-cell weights (µS), with their default.json values.</summary>
    public static IReadOnlyDictionary<string, double> DefaultWeights { get; } = new Dictionary<string, double>
    {
        ["gbar_L2Pyr_L2Pyr_ampa"] = 0.0005, ["gbar_L2Pyr_L2Pyr_nmda"] = 0.0005,
        ["gbar_L2Basket_L2Pyr_gabaa"] = 0.05, ["gbar_L2Basket_L2Pyr_gabab"] = 0.05,
        ["gbar_L2Pyr_L5Pyr"] = 0.00025, ["gbar_L2Basket_L5Pyr"] = 0.001,
        ["gbar_L5Pyr_L5Pyr_ampa"] = 0.0005, ["gbar_L5Pyr_L5Pyr_nmda"] = 0.0005,
        ["gbar_L5Basket_L5Pyr_gabaa"] = 0.025, ["gbar_L5Basket_L5Pyr_gabab"] = 0.025,
        ["gbar_L2Pyr_L2Basket"] = 0.0005, ["gbar_L2Basket_L2Basket"] = 0.02,
        ["gbar_L2Pyr_L5Basket"] = 0.00025, ["gbar_L5Pyr_L5Basket"] = 0.0005, ["gbar_L5Basket_L5Basket"] = 0.02,
    };

    /// <summary>
    /// The network, in HNN-core's connection order (indices 0–15). <paramref name="weights"/> maps
    /// each key of <see cref="DefaultWeights"/> to a weight in µS (a params file's <c>gbar_*</c>
    /// values); null means the default.json weights.
    /// </summary>
    public static NetworkSpec Create(MeshShape? meshShape = null, bool legacyMode = false, IReadOnlyDictionary<string, double>? weights = null) =>
        AddCellConnections(NetworkSpec.Bare(meshShape, legacyMode), weights ?? DefaultWeights);

    private const string L2B = "L2_basket", L2P = "L2_pyramidal", L5B = "L5_basket", L5P = "L5_pyramidal";

    /// <summary>The 16 cell-to-cell connections of docs/dev/network.md §5.2, in HNN-core's order (net.connectivity[0…15]).</summary>
    internal static IReadOnlyList<CellConnectionRule> Rules { get; } =
    [
        new(L2P, L2P, "proximal", "nmda", "gbar_L2Pyr_L2Pyr_nmda", 3.0, false),
        new(L2P, L2P, "proximal", "ampa", "gbar_L2Pyr_L2Pyr_ampa", 3.0, false),
        new(L5P, L5P, "proximal", "nmda", "gbar_L5Pyr_L5Pyr_nmda", 3.0, false),
        new(L5P, L5P, "proximal", "ampa", "gbar_L5Pyr_L5Pyr_ampa", 3.0, false),
        new(L2B, L2P, "soma", "gabaa", "gbar_L2Basket_L2Pyr_gabaa", 50.0, true),
        new(L2B, L2P, "soma", "gabab", "gbar_L2Basket_L2Pyr_gabab", 50.0, true),
        new(L5B, L5P, "soma", "gabaa", "gbar_L5Basket_L5Pyr_gabaa", 70.0, true),
        new(L5B, L5P, "soma", "gabab", "gbar_L5Basket_L5Pyr_gabab", 70.0, true),
        new(L2P, L5P, "proximal", "ampa", "gbar_L2Pyr_L5Pyr", 3.0, true),
        new(L2P, L5P, "distal", "ampa", "gbar_L2Pyr_L5Pyr", 3.0, true),
        new(L2B, L5P, "distal", "gabaa", "gbar_L2Basket_L5Pyr", 50.0, true),
        new(L2P, L2B, "soma", "ampa", "gbar_L2Pyr_L2Basket", 3.0, true),
        new(L2B, L2B, "soma", "gabaa", "gbar_L2Basket_L2Basket", 20.0, true),   // keeps autapses
        new(L5B, L5B, "soma", "gabaa", "gbar_L5Basket_L5Basket", 20.0, false),
        new(L5P, L5B, "soma", "ampa", "gbar_L5Pyr_L5Basket", 3.0, true),
        new(L2P, L5B, "soma", "ampa", "gbar_L2Pyr_L5Basket", 3.0, true),
    ];

    /// <summary>Appends the 16 cell-to-cell connections of docs/dev/network.md §5.2 (after any drives already added).</summary>
    internal static NetworkSpec AddCellConnections(NetworkSpec net, IReadOnlyDictionary<string, double> weights) =>
        AddCellConnections(net, Rules, weights);

    /// <summary>Appends a model's cell-to-cell connections with the params' weights, base delay net.delay.</summary>
    internal static NetworkSpec AddCellConnections(NetworkSpec net, IReadOnlyList<CellConnectionRule> rules, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var key in DefaultWeights.Keys)
            if (!weights.ContainsKey(key))
                throw Invalid.Argument("weights", key, "no weight given for this connection key", "a weight (µS) for each of " + Invalid.List(DefaultWeights.Keys));
        var delay = net.Delay;
        foreach (var c in rules)
        {
            var current = net;
            net = WithKey(c.WeightKey, () => current.AddConnection(c.Source, c.Target, c.Location, c.Receptor, c.WeightFrom(weights), delay, c.Lamtha, allowAutapses: c.AllowAutapses));
        }
        return net;
    }

    // A bad weight is reported under its params key, e.g. "gbar_L2Pyr_L5Pyr: weight = -1 is invalid: …".
    private static NetworkSpec WithKey(string key, Func<NetworkSpec> add)
    {
        try
        {
            return add();
        }
        catch (ArgumentException e) when (e.ParamName == "weight")
        {
            throw new ArgumentException($"{key}: {Experiment.UserMessage.Of(e)}", key, e);
        }
    }

    /// <summary>
    /// <c>add_erp_drives_to_jones_model(net, tstart)</c> (docs/dev/drives.md §8): evdist1, evprox1, evprox2,
    /// cell-specific evoked drives with one spike each, conn_seed 3, space constant 3.
    /// </summary>
    public static NetworkSpec AddErpDrives(NetworkSpec net, double tstart = 0.0)
    {
        ArgumentNullException.ThrowIfNull(net);
        NetworkSpec.CheckFinite("tstart", tstart);
        var proxDelays = new Dictionary<string, double>
        {
            ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_basket"] = 1.0, ["L5_pyramidal"] = 1.0,
        };
        net = net.AddEvokedDrive("evdist1", mu: 63.53 + tstart, sigma: 3.85, numspikes: 1, location: "distal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.006562, ["L2_pyramidal"] = 7e-6, ["L5_pyramidal"] = 0.142300 },
            weightsNmda: new Dictionary<string, double> { ["L2_basket"] = 0.019482, ["L2_pyramidal"] = 0.004317, ["L5_pyramidal"] = 0.080074 },
            synapticDelays: new Dictionary<string, double> { ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_pyramidal"] = 0.1 },
            eventSeed: 274);
        net = net.AddEvokedDrive("evprox1", mu: 26.61 + tstart, sigma: 2.47, numspikes: 1, location: "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.08831, ["L2_pyramidal"] = 0.01525, ["L5_basket"] = 0.19934, ["L5_pyramidal"] = 0.00865 },
            synapticDelays: proxDelays, eventSeed: 544);
        net = net.AddEvokedDrive("evprox2", mu: 137.12 + tstart, sigma: 8.33, numspikes: 1, location: "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.000003, ["L2_pyramidal"] = 1.438840, ["L5_basket"] = 0.008958, ["L5_pyramidal"] = 0.684013 },
            synapticDelays: proxDelays, eventSeed: 814);
        return net;
    }
}
