namespace Hnn.Biophysics.Network;

// How a network configuration file (docs/dev/io.md §5) sets what no add_* method sets: connectivity
// taken as stored, final (already pruned), drive connections included.
public sealed partial record NetworkSpec
{
    /// <summary>Replaces every connection, drive connections included (HNN-core's reader does the same).</summary>
    internal NetworkSpec WithStoredConnections(IReadOnlyList<Connection> connections) => this with { Connections = connections };
}
