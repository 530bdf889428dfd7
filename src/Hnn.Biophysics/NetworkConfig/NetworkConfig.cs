using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// What <see cref="NetworkConfigFile"/> read: the network, ready to simulate, and notes on the parts of
/// the file HNN-core's reader also drops (recorded outputs) or we do not simulate (electrode arrays).
/// </summary>
public sealed record NetworkConfig(NetworkSpec Network, IReadOnlyList<string> Notes)
{
    /// <summary>True when every cell type is the built-in template of its name (docs/dev/io.md §5.5).</summary>
    public bool HasBuiltInCells { get; init; }
}
