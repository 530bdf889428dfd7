namespace Hnn.Biophysics.Network;

/// <summary>One cell type of a network with the position of each of its cells, in gid order.</summary>
public sealed record CellPopulation(string Name, IReadOnlyList<Position> Positions)
{
    public int Count => Positions.Count;
}
