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
    private readonly int _cells;

    public CellGroupPotentials(NetworkSpec net, Solver.CableTree tree, IReadOnlyList<Position> positions)
    {
        var template = tree.Template;
        var arrays = net.ElectrodeArrays;
        _matrices = arrays.Select(a => positions.Select(p => CellTransferMatrix.Build(template, p, a)).ToArray()).ToArray();
        _firstContact = new int[arrays.Count];
        for (var a = 1; a < arrays.Count; a++) _firstContact[a] = _firstContact[a - 1] + arrays[a - 1].ContactCount;
        ContactCount = arrays.Sum(a => a.ContactCount);
        _cellCurrents = new double[tree.MembraneCount];
        _cells = positions.Count;
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
        for (var c = 0; c < _cells; c++)
        {
            for (var k = 0; k < segments; k++) _cellCurrents[k] = currents[k * lanes + c];
            for (var a = 0; a < _matrices.Length; a++)
            {
                var m = _matrices[a][c];
                m.Accumulate(_cellCurrents, sample.Slice(_firstContact[a], m.ContactCount));
            }
        }
    }
}
