namespace Hnn.Biophysics.Network;

// How a network configuration file (docs/dev/io.md §5) sets what no add_* method sets: the cells and
// their positions as stored, the global settings, and connectivity taken as final (already pruned).
public sealed partial record NetworkSpec
{
    /// <summary>A network of the stored cell populations (gids in list order), no drives and no connections.</summary>
    internal static NetworkSpec FromConfiguration(MeshShape mesh, bool legacyMode, IReadOnlyList<CellPopulation> cells,
        Position origin, double threshold, double delay, double celsius) => new()
        {
            MeshShape = mesh,
            LegacyMode = legacyMode,
            CellTypes = cells,
            Origin = origin,
            Threshold = threshold,
            Delay = delay,
            Celsius = celsius,
        };

    /// <summary>Replaces every connection, drive connections included (HNN-core's reader does the same).</summary>
    internal NetworkSpec WithStoredConnections(IReadOnlyList<Connection> connections) => this with { Connections = connections };
}
