using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// One trial of a whole network on the calling thread, run with exactly the epoch protocol of
/// the actor engine (docs/dev/epoch-protocol.md): shards advance one epoch at a time; the spikes they fire, and
/// the drive spikes of the next epoch, are handed to every shard before it goes on. It is the
/// sequential reference the actor engine must reproduce.
/// </summary>
public sealed class NetworkTrial
{
    private readonly NetworkSpec _net;
    private readonly PopulationShard[] _shards;
    private readonly double _tstop, _dt;

    public NetworkTrial(NetworkSpec net, double tstop, double dt, int trial = 0, IReadOnlyList<ShardSpec>? layout = null)
    {
        _net = net;
        _tstop = tstop;
        _dt = dt;
        Trial = trial;
        var netcons = NetConResolver.Resolve(net);
        Plan = EpochPlan.For(net, netcons, tstop, dt);
        _shards = (layout ?? ShardLayout.Split(net, 1)).Select(s => new PopulationShard(net, s, netcons, tstop, dt)).ToArray();
    }

    public int Trial { get; }
    public EpochPlan Plan { get; }

    /// <summary>Integrates the trial; progress reports simulated ms after each epoch.</summary>
    public TrialResult Run(IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var grid = TimeGrid.Accumulated(Plan.TotalSteps, _dt);
        var drives = DriveSpikes.ForTrial(_net, Trial, _tstop, _dt);
        var record = new TrialRecorder(_net, Trial, grid);
        record.Add(drives);
        var nextDrive = 0;
        var fired = SpikeBatch.Empty;
        var dipole = new double[Plan.StepsPerEpoch];
        for (var epoch = 0; epoch < Plan.EpochCount; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var firstStep = epoch * Plan.StepsPerEpoch;
            var steps = Plan.StepsIn(epoch);
            var inbound = EpochInbound.Merge(fired, drives, ref nextDrive, EpochInbound.DriveHorizon(grid, firstStep + steps, Plan.TotalSteps));
            var firedNow = new List<SpikeBatch>();
            foreach (var shard in _shards)
            {
                shard.Receive(inbound);
                var batch = shard.Advance(steps, dipole);
                firedNow.Add(batch);
                if (shard.MeasuresDipole) record.AddDipole(shard.Spec.CellType, firstStep, dipole.AsSpan(0, steps));
            }
            fired = EpochInbound.Concat(firedNow);
            record.Add(fired);
            progress?.Report(grid[firstStep + steps]);
        }
        return record.Finish();
    }
}
