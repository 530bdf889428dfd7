using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

/// <summary>
/// One cell type of a network: its name (the gid range's), the cell template every one of its
/// cells is built from, and the position of each cell, in gid order.
/// </summary>
public sealed record CellPopulation(string Name, IReadOnlyList<Position> Positions, CellTemplate Template)
{
    /// <summary>A population of one of the four default cell types, built from its built-in template.</summary>
    public CellPopulation(string name, IReadOnlyList<Position> positions)
        : this(name, positions, CellTemplates.ForType(name))
    {
    }

    public int Count => Positions.Count;
}
