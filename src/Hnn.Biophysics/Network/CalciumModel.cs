using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's <c>calcium_model</c> (Kohl et al., Brain Topogr. 2022; docs/dev/network.md §9.2): the default
/// column with its L5 pyramid replaced by one whose calcium, sodium and potassium densities change along
/// the dendrites (docs/dev/cells.md §10.2). Connections and weights are the default model's.
/// </summary>
public static class CalciumModel
{
    /// <summary>The network, like <see cref="Jones2009.Create"/>; <paramref name="weights"/> as there.</summary>
    public static NetworkSpec Create(MeshShape? meshShape = null, bool legacyMode = false, IReadOnlyDictionary<string, double>? weights = null) =>
        Jones2009.AddCellConnections(WithCells(NetworkSpec.Bare(meshShape, legacyMode)), weights ?? Jones2009.DefaultWeights);

    /// <summary>The network's L5 pyramid replaced by the model's.</summary>
    internal static NetworkSpec WithCells(NetworkSpec net) =>
        net.WithTemplate(CellTemplates.L5Pyramidal, CalciumCells.L5Pyramidal);
}
