using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// One trial of a whole network on the calling thread, with the epoch protocol of the actor
/// engine (docs/dev/epoch-protocol.md) and the same <see cref="EpochExchange"/> and
/// <see cref="DriveSchedule"/>: the shards advance one epoch at a time and only then see the
/// spikes of the others. It is the sequential reference the actor engine must reproduce.
/// </summary>
public sealed class NetworkTrial
{
    private readonly NetworkSpec _net;
    private readonly PopulationShard[] _shards;
    private readonly IReadOnlyList<ShardSpec> _layout;

    public NetworkTrial(NetworkSpec net, TimeGrid grid, int trial = 0, IReadOnlyList<ShardSpec>? layout = null, RecordingOptions? recording = null)
    {
        _net = net;
        Grid = grid;
        Trial = trial;
        _recording = recording;
        var netcons = NetConResolver.Resolve(net);
        Plan = EpochPlan.For(net, netcons, grid);
        _layout = layout ?? ShardLayout.Split(net, 1);
        _shards = _layout.Select(s => new PopulationShard(net, s, netcons, grid, recording?.Record)).ToArray();
    }

    /// <summary>As the main constructor, with the grid made (and validated) from tstop and dt.</summary>
    public NetworkTrial(NetworkSpec net, double tstop, double dt, int trial = 0, IReadOnlyList<ShardSpec>? layout = null, RecordingOptions? recording = null)
        : this(net, TimeGrid.Create(tstop, dt), trial, layout, recording)
    {
    }

    private readonly RecordingOptions? _recording;

    public int Trial { get; }
    public TimeGrid Grid { get; }
    internal EpochPlan Plan { get; }

    /// <summary>Integrates the trial; progress reports simulated ms after each epoch.</summary>
    public TrialResult Run(IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var exchange = new EpochExchange(_net, Trial, Plan, _layout, _recording);
        using var recorder = exchange.Recorder;
        for (var s = 0; s < _shards.Length; s++) exchange.Router.Learn(s, _shards[s].SourceGids);
        var drives = new DriveSchedule(DriveSpikes.ForTrial(_net, Trial, Grid));
        var fired = SpikeBatch.Empty;
        var firedNow = new SpikeBatch[_shards.Length];
        var dipoles = _shards.Select(s => s.MeasuresDipole ? new double[Plan.StepsPerEpoch] : null).ToArray();
        var traces = _shards.Select(s => s.TraceWidth > 0 ? new double[(Plan.StepsPerEpoch + 1) * s.TraceWidth] : null).ToArray();
        var potentials = _shards.Select(s => s.ContactCount > 0 ? new double[Plan.StepsPerEpoch * s.ContactCount] : null).ToArray();
        for (var epoch = 0; epoch < Plan.EpochCount; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var inbound = exchange.Begin(fired, drives.TakeBefore(Plan.DriveHorizon(epoch)));
            for (var s = 0; s < _shards.Length; s++)
            {
                _shards[s].Receive(inbound[s]);
                firedNow[s] = _shards[s].Advance(Plan.StepsIn(epoch), dipoles[s], traces[s], potentials[s]);
            }
            fired = exchange.End(epoch, firedNow, dipoles, traces, potentials);
            exchange.Recorder.Traces?.Flush(Plan.FirstStep(epoch) + Plan.StepsIn(epoch));
            progress?.Report(Plan.EndTime(epoch));
        }
        return exchange.Recorder.Finish();
    }
}
