using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// The spikes of drive cells in one trial as NEURON's VecStim emits them (docs/dev/mechanisms.md §15):
/// each next event at t + (t_next − t), which can differ from t_next in the last bit; only
/// events up to the end of the run are emitted, and only by drive cells HNN-core builds (a
/// cell-specific drive cell whose one connection was pruned by sampling is not built).
/// </summary>
internal static class DriveSpikes
{
    /// <summary>Spikes of the drive named <paramref name="drive"/> (all drives when null), sorted by time then gid.</summary>
    public static SpikeBatch ForTrial(NetworkSpec net, int trial, TimeGrid grid, string? drive = null)
    {
        var tEnd = grid.EndTime;
        var spikes = new List<(double Time, int Gid)>();
        var all = drive is null ? DriveEvents.Generate(net, trial, grid.Tstop) : [DriveEvents.Generate(net, drive, trial, grid.Tstop)];
        foreach (var events in all)
        {
            var built = net.BuiltDriveGids(events.Drive);
            for (var c = 0; c < events.ByCell.Count; c++)
            {
                if (!built.Contains(events.FirstGid + c)) continue;
                var t = 0.0;
                foreach (var next in events.ByCell[c])
                {
                    t += next - t;
                    if (t <= tEnd) spikes.Add((t, events.FirstGid + c));
                }
            }
        }
        spikes.Sort();
        return SpikeBatch.From(spikes);
    }
}
