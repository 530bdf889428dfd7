namespace Hnn.Biophysics.Network;

/// <summary>
/// Cell positions of the default column (docs/dev/network.md §3.2): pyramidal grids at z = 0 (L5) and
/// z = Z (L2), basket cells on a sparser staggered grid at 0.2·Z (L5) and 0.8·Z (L2), and the
/// origin where all drive cells sit.
/// </summary>
internal static class ColumnLayout
{
    public const double DefaultInplaneDistance = 1.0;
    public const double DefaultLayerSeparation = 1307.4;

    public static Position[] Pyramidal(MeshShape mesh, double z, double d)
    {
        var positions = new Position[mesh.X * mesh.Y];
        var k = 0;
        for (var ix = 0; ix < mesh.X; ix++)
            for (var iy = 0; iy < mesh.Y; iy++)
                positions[k++] = new Position(ix * d, iy * d, z);
        return positions;
    }

    public static Position[] Basket(MeshShape mesh, double z, double d)
    {
        var list = new List<(int x, int y)>();
        // product(xzero, yeven) then product(xone, yodd), x outer; then a stable sort by y.
        for (var x = 0; x < mesh.X; x += 3)
            for (var y = 0; y < mesh.Y; y += 2)
                list.Add((x, y));
        for (var x = 1; x < mesh.X; x += 3)
            for (var y = 1; y < mesh.Y; y += 2)
                list.Add((x, y));
        return list.OrderBy(p => p.y).Select(p => new Position(p.x * d, p.y * d, z)).ToArray();
    }

    public static Position Origin(MeshShape mesh, double layerSeparation, double d) =>
        new((mesh.X - 1) / 2 * d, (mesh.Y - 1) / 2 * d, Math.Floor(layerSeparation / 2));

    /// <summary>Positions of the four default cell types, in net.cell_types order.</summary>
    public static CellPopulation[] DefaultPopulations(MeshShape mesh, double inplane, double separation) =>
    [
        new("L2_basket", Basket(mesh, 0.8 * separation, inplane)),
        new("L2_pyramidal", Pyramidal(mesh, separation, inplane)),
        new("L5_basket", Basket(mesh, 0.2 * separation, inplane)),
        new("L5_pyramidal", Pyramidal(mesh, 0.0, inplane)),
    ];
}
