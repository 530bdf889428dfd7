using Hnn.Biophysics.Network;

using Hnn.Biophysics.Extracellular;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>
/// The transfer matrices of every cell of a network for one electrode array (docs/dev/extracellular.md §7),
/// for checks against HNN-core's whole-column data (the engine builds them per shard: CellGroupPotentials), in gid order (cell types in <see cref="NetworkSpec.CellTypes"/> order, then their positions). Drive cells
/// have no sections and no matrix. The array's potential after a step is the sum of every cell's
/// <see cref="CellTransferMatrix.Accumulate"/> (§8).
/// </summary>
internal static class NetworkTransferMatrices
{
    public static CellTransferMatrix[] Build(NetworkSpec network, ElectrodeArraySpec array)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(array);
        var matrices = new List<CellTransferMatrix>();
        foreach (var population in network.CellTypes)
            foreach (var position in population.Positions)
                matrices.Add(CellTransferMatrix.Build(population.Template, position, array));
        return [.. matrices];
    }
}
