namespace Hnn.Biophysics.Network;

/// <summary>
/// One synapse activation path the simulator builds (one NEURON NetCon): a spike of
/// <see cref="SourceGid"/> reaches the <see cref="Receptor"/> synapse at the middle of
/// <see cref="Section"/> of <see cref="TargetGid"/> after <see cref="Delay"/> ms with
/// <see cref="Weight"/> µS. <see cref="ConnectionIndex"/> points into NetworkSpec.Connections.
/// </summary>
internal readonly record struct NetConSpec(
    int SourceGid, int TargetGid, string Section, string Receptor, double Weight, double Delay, double Threshold,
    int ConnectionIndex);
