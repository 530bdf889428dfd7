namespace Hnn.Biophysics.Network;

/// <summary>A cell position in µm (docs/dev/network.md §3). Only x and y enter weights and delays.</summary>
public readonly record struct Position(double X, double Y, double Z);

/// <summary>The (n_x, n_y) grid of pyramidal cells per layer (docs/dev/network.md §3.1).</summary>
public readonly record struct MeshShape(int X, int Y)
{
    public static MeshShape Default => new(10, 10);

    public override string ToString() => $"({X}, {Y})";
}
