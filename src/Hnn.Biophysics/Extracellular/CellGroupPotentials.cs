using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The extracellular potential a group of cells of one type (a shard) makes at every contact of every
/// electrode array of the network, after each step (docs/dev/extracellular.md §8): Σ over its cells of
/// W_cell · i_membrane_. The arrays' contacts are concatenated in the network's array order. Allocates
/// nothing per step.
/// </summary>
internal sealed class CellGroupPotentials
{
    private readonly CellTransferMatrix[][] _matrices; // [array][cell]
    private readonly int[] _firstContact;
    private readonly double[] _cellCurrents;

    public CellGroupPotentials(NetworkSpec net, CellTemplate template, IReadOnlyList<Position> positions)
    {
        var arrays = net.ElectrodeArrays;
        _matrices = arrays.Select(a => positions.Select(p => CellTransferMatrix.Build(template, p, a)).ToArray()).ToArray();
        _firstContact = new int[arrays.Count];
        for (var a = 1; a < arrays.Count; a++) _firstContact[a] = _firstContact[a - 1] + arrays[a - 1].ContactCount;
        ContactCount = arrays.Sum(a => a.ContactCount);
        _cellCurrents = new double[new Solver.CableTree(template).MembraneCount];
    }

    /// <summary>Contacts of all arrays together: the width of one sample.</summary>
    public int ContactCount { get; }

    /// <summary>
    /// Writes the group's potentials (µV) into <paramref name="sample"/> (<see cref="ContactCount"/> values) from the
    /// membrane currents of the last step, <paramref name="currents"/>[k·lanes + cell] in nA.
    /// </summary>
    public void Sample(double[] currents, int lanes, Span<double> sample)
    {
        sample.Clear();
        var segments = _cellCurrents.Length;
        for (var a = 0; a < _matrices.Length; a++)
        {
            var cells = _matrices[a];
            var target = sample.Slice(_firstContact[a], cells.Length == 0 ? 0 : cells[0].ContactCount);
            for (var c = 0; c < cells.Length; c++)
            {
                for (var k = 0; k < segments; k++) _cellCurrents[k] = currents[k * lanes + c];
                cells[c].Accumulate(_cellCurrents, target);
            }
        }
    }
}
