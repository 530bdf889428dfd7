using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// What crosses the barrier of every epoch of one trial (docs/dev/epoch-protocol.md), written once
/// for both engines — the sequential <see cref="NetworkTrial"/> and the actor coordinator:
/// <see cref="Begin"/> joins the spikes fired in the previous epoch with the drive spikes due in
/// this one and cuts them per shard; <see cref="End"/> records the shards' dipoles (in shard
/// order, so sums never depend on who answered first) and the spikes they fired.
/// </summary>
internal sealed class EpochExchange
{
    private readonly SpikeBatch[] _pair = new SpikeBatch[2];

    public EpochExchange(NetworkSpec net, int trial, EpochPlan plan, IReadOnlyList<ShardSpec> layout, RecordingOptions? recording = null)
    {
        Plan = plan;
        Layout = layout;
        Router = new SpikeRouter(net.TotalGids, layout.Count);
        var traces = recording is { Record.Any: true } ? new TraceRecorder(net, recording, layout, trial, plan.Grid.Times) : null;
        Recorder = new TrialRecorder(net, trial, plan.Grid.Times, traces);
    }

    public EpochPlan Plan { get; }
    public IReadOnlyList<ShardSpec> Layout { get; }
    public SpikeRouter Router { get; }
    public TrialRecorder Recorder { get; }

    /// <summary>Epoch k starts: records the drive spikes and returns each shard's inbound spikes.</summary>
    public SpikeBatch[] Begin(SpikeBatch firedBefore, SpikeBatch drives)
    {
        Recorder.Add(drives);
        _pair[0] = firedBefore;
        _pair[1] = drives;
        var inbound = SpikeBatch.Concat(_pair);
        var perShard = new SpikeBatch[Layout.Count];
        for (var s = 0; s < perShard.Length; s++) perShard[s] = Router.For(s, inbound);
        return perShard;
    }

    /// <summary>
    /// Epoch k ended: adds each shard's dipole (null for types without one) and recorded traces (null when
    /// nothing is recorded) and records what was fired; returns all spikes fired in k, in shard order (the
    /// next epoch's input).
    /// </summary>
    public SpikeBatch End(int epoch, IReadOnlyList<SpikeBatch> fired, IReadOnlyList<double[]?> dipoles, IReadOnlyList<double[]?>? traces = null,
        IReadOnlyList<double[]?>? potentials = null)
    {
        var firstStep = Plan.FirstStep(epoch);
        var steps = Plan.StepsIn(epoch);
        for (var s = 0; s < Layout.Count; s++)
            if (dipoles[s] is { } d) Recorder.AddDipole(Layout[s].CellType, firstStep, d.AsSpan(0, steps));
        if (potentials is not null)
            for (var s = 0; s < Layout.Count; s++)
                if (potentials[s] is { } p) Recorder.AddPotentials(firstStep, steps, p);
        if (Recorder.Traces is { } recorder)
        {
            // The first epoch also carries the t = 0 sample.
            recorder.Add(epoch == 0 ? 0 : firstStep + 1, epoch == 0 ? steps + 1 : steps,
                traces ?? throw new InvalidOperationException("the run records traces but the shards sent none"));
        }
        var all = SpikeBatch.Concat(fired);
        Recorder.Add(all);
        return all;
    }
}
