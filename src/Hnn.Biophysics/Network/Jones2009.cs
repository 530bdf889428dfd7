using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's default neocortical column, <c>neymotin_2020_model</c> (alias the deprecated
/// <c>jones_2009_model</c>): the four cell types and the 16 cell-to-cell connections of
/// docs/dev/network.md §5.2 with the default.json weights, plus the standard ERP drive set (docs/dev/drives.md §8).
/// </summary>
public static class Jones2009
{
    /// <summary>The network, in HNN-core's connection order (indices 0–15).</summary>
    public static NetworkSpec Create(MeshShape? meshShape = null, bool legacyMode = false)
    {
        var net = NetworkSpec.Bare(meshShape, legacyMode);
        var delay = net.Delay;
        const string L2B = "L2_basket", L2P = "L2_pyramidal", L5B = "L5_basket", L5P = "L5_pyramidal";
        // (source, target, loc, receptor, weight key value (default.json, µS), lamtha, autapses)
        (string src, string tgt, string loc, string receptor, double weight, double lamtha, bool autapses)[] table =
        [
            (L2P, L2P, "proximal", "nmda", 0.0005, 3.0, false),  // gbar_L2Pyr_L2Pyr_nmda
            (L2P, L2P, "proximal", "ampa", 0.0005, 3.0, false),  // gbar_L2Pyr_L2Pyr_ampa
            (L5P, L5P, "proximal", "nmda", 0.0005, 3.0, false),  // gbar_L5Pyr_L5Pyr_nmda
            (L5P, L5P, "proximal", "ampa", 0.0005, 3.0, false),  // gbar_L5Pyr_L5Pyr_ampa
            (L2B, L2P, "soma", "gabaa", 0.05, 50.0, true),       // gbar_L2Basket_L2Pyr_gabaa
            (L2B, L2P, "soma", "gabab", 0.05, 50.0, true),       // gbar_L2Basket_L2Pyr_gabab
            (L5B, L5P, "soma", "gabaa", 0.025, 70.0, true),      // gbar_L5Basket_L5Pyr_gabaa
            (L5B, L5P, "soma", "gabab", 0.025, 70.0, true),      // gbar_L5Basket_L5Pyr_gabab
            (L2P, L5P, "proximal", "ampa", 0.00025, 3.0, true),  // gbar_L2Pyr_L5Pyr
            (L2P, L5P, "distal", "ampa", 0.00025, 3.0, true),    // gbar_L2Pyr_L5Pyr
            (L2B, L5P, "distal", "gabaa", 0.001, 50.0, true),    // gbar_L2Basket_L5Pyr
            (L2P, L2B, "soma", "ampa", 0.0005, 3.0, true),       // gbar_L2Pyr_L2Basket
            (L2B, L2B, "soma", "gabaa", 0.02, 20.0, true),       // gbar_L2Basket_L2Basket (keeps autapses)
            (L5B, L5B, "soma", "gabaa", 0.02, 20.0, false),      // gbar_L5Basket_L5Basket
            (L5P, L5B, "soma", "ampa", 0.0005, 3.0, true),       // gbar_L5Pyr_L5Basket
            (L2P, L5B, "soma", "ampa", 0.00025, 3.0, true),      // gbar_L2Pyr_L5Basket
        ];
        foreach (var c in table)
            net = net.AddConnection(c.src, c.tgt, c.loc, c.receptor, c.weight, delay, c.lamtha, allowAutapses: c.autapses);
        return net;
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
