using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's <c>law_2021_model</c> (Law et al., Cereb. Cortex 2022; docs/dev/network.md §9.1): the default
/// column with slow pyramidal GABAb, no <c>ca</c> in the L5 soma and basal dendrites, weaker L5 recurrent
/// NMDA, retuned L5 basket → L5 pyramid inhibition, the L2 basket → L5 pyramid GABAa connection replaced
/// by GABAb, and a distal L5 basket → L5 pyramid connection.
/// </summary>
public static class Law2021
{
    private const string L2B = "L2_basket", L5B = "L5_basket", L5P = "L5_pyramidal";

    /// <summary>
    /// The model's 17 cell-to-cell connections in HNN-core's order: the default 16 with [2], [6] and [7]
    /// given fixed weights and [10] removed, then the two new ones.
    /// </summary>
    internal static IReadOnlyList<CellConnectionRule> Rules { get; } = BuildRules();

    /// <summary>The network, like <see cref="Jones2009.Create"/>; <paramref name="weights"/> as there.</summary>
    public static NetworkSpec Create(MeshShape? meshShape = null, bool legacyMode = false, IReadOnlyDictionary<string, double>? weights = null) =>
        Jones2009.AddCellConnections(WithCells(NetworkSpec.Bare(meshShape, legacyMode)), Rules, weights ?? Jones2009.DefaultWeights);

    /// <summary>The network's pyramids replaced by the model's (docs/dev/cells.md §10.1).</summary>
    internal static NetworkSpec WithCells(NetworkSpec net) =>
        net.WithTemplate(CellTemplates.L2Pyramidal, Law2021Cells.L2Pyramidal)
           .WithTemplate(CellTemplates.L5Pyramidal, Law2021Cells.L5Pyramidal);

    private static IReadOnlyList<CellConnectionRule> BuildRules()
    {
        var rules = Jones2009.Rules.ToList();
        rules[2] = rules[2] with { FixedWeight = 0.0004 };   // L5P → L5P nmda
        rules[6] = rules[6] with { FixedWeight = 0.02 };     // L5B → L5P gabaa (soma)
        rules[7] = rules[7] with { FixedWeight = 0.005 };    // L5B → L5P gabab (soma)
        rules.RemoveAt(10);                                  // L2B → L5P distal gabaa
        rules.Add(new(L2B, L5P, "distal", "gabab", "gbar_L2Basket_L5Pyr", 50.0, true, FixedWeight: 0.0002));
        rules.Add(new(L5B, L5P, "distal", "gabaa", "gbar_L5Basket_L5Pyr_gabaa", 70.0, true));
        return rules;
    }
}
