namespace Hnn.Actors.Engine;

/// <summary>
/// One finished epoch of a running trial, for a live view (hnn serve's event stream): the spikes
/// recorded in it (the drives' due in the epoch, then the cells' fired, as the trial records them)
/// and its raw dipole samples per cell type (fA·m, NEURON's sums before any post-processing) at
/// <see cref="Times"/>. After a recovery from a lost worker the epochs after the checkpoint are
/// reported again. The final result is the same whether anyone observes or not.
/// </summary>
public sealed record LiveEpoch(
    int Trial, int Epoch, double EndTime, double[] SpikeTimes, int[] SpikeGids,
    double[] Times, IReadOnlyDictionary<string, double[]> RawDipoles);
