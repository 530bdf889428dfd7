using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// The drives' spikes per epoch as they arrive, one batch per drive, joined in drive order.
/// Each epoch is asked for once; with checkpoints, epochs after the last checkpoint are kept
/// because a recovery runs them again.
/// </summary>
internal sealed class DriveBuffer(int drives, bool keepForReruns)
{
    private readonly Dictionary<int, SpikeBatch?[]> _byEpoch = [];

    /// <summary>False the first time an epoch is asked about (the caller then requests it), true after.</summary>
    public bool WasRequested(int epoch)
    {
        if (_byEpoch.ContainsKey(epoch)) return true;
        _byEpoch[epoch] = new SpikeBatch?[drives];
        return false;
    }

    public void Add(int drive, int epoch, SpikeBatch spikes)
    {
        if (_byEpoch.TryGetValue(epoch, out var batches)) batches[drive] = spikes;
    }

    public bool IsComplete(int epoch) => _byEpoch.TryGetValue(epoch, out var b) && Array.TrueForAll(b, x => x is not null);

    /// <summary>Epoch k's drive spikes; without checkpoints they are forgotten at once.</summary>
    public SpikeBatch Take(int epoch)
    {
        var batches = _byEpoch[epoch];
        if (!keepForReruns) _byEpoch.Remove(epoch);
        return SpikeBatch.Concat(batches!);
    }

    /// <summary>A checkpoint of epoch k is complete: earlier epochs will not run again.</summary>
    public void ForgetBefore(int epoch)
    {
        foreach (var old in _byEpoch.Keys.Where(e => e < epoch).ToArray()) _byEpoch.Remove(old);
    }
}
