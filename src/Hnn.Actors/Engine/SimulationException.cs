namespace Hnn.Actors.Engine;

/// <summary>
/// A simulation that could not finish: names the shard (when one is to blame), the epoch and
/// the simulated time at which it stopped.
/// </summary>
public sealed class SimulationException : Exception
{
    public SimulationException(string message, string? shard, int epoch, double time, int trial)
        : base(message)
    {
        Shard = shard;
        Epoch = epoch;
        Time = time;
        Trial = trial;
    }

    public string? Shard { get; }
    public int Epoch { get; }
    public double Time { get; }
    public int Trial { get; }
}
