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
        : this(net, grid, trial, layout, recording, null)
    {
    }

    /// <summary>As the main constructor, with the grid made (and validated) from tstop and dt.</summary>
    public NetworkTrial(NetworkSpec net, double tstop, double dt, int trial = 0, IReadOnlyList<ShardSpec>? layout = null, RecordingOptions? recording = null)
        : this(net, TimeGrid.Create(tstop, dt), trial, layout, recording)
    {
    }

    /// <param name="plan">The epochs to run in (a coupled run's common plan); null: this network's own.</param>
    internal NetworkTrial(NetworkSpec net, TimeGrid grid, int trial, IReadOnlyList<ShardSpec>? layout, RecordingOptions? recording, EpochPlan? plan)
    {
        _net = net;
        Grid = grid;
        Trial = trial;
        _recording = recording;
        Plan = plan ?? EpochPlan.For(net, grid);
        _layout = layout ?? ShardLayout.Split(net, 1);
        _shards = _layout.Select(s => new PopulationShard(net, s, grid, recording?.Record)).ToArray();
    }

    private readonly RecordingOptions? _recording;

    public int Trial { get; }
    public TimeGrid Grid { get; }
    internal EpochPlan Plan { get; }

    /// <summary>Integrates the trial; progress reports simulated ms after each epoch.</summary>
    public TrialResult Run(IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        using var epochs = Start();
        for (var epoch = 0; epoch < Plan.EpochCount; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            epochs.Run(epoch, SpikeBatch.Empty);
            progress?.Report(Plan.EndTime(epoch));
        }
        return epochs.Finish();
    }

    /// <summary>The trial one epoch at a time, for runs that feed spikes in from outside between epochs.</summary>
    internal Epochs Start() => new(this);

    internal sealed class Epochs : IDisposable
    {
        private readonly NetworkTrial _trial;
        private readonly EpochExchange _exchange;
        private readonly DriveSchedule _drives;
        private readonly SpikeBatch[] _firedNow;
        private readonly double[]?[] _dipoles, _traces, _potentials;
        private readonly SpikeBatch[] _driveParts = new SpikeBatch[2];
        private SpikeBatch _fired = SpikeBatch.Empty;

        public Epochs(NetworkTrial trial)
        {
            _trial = trial;
            var shards = trial._shards;
            var plan = trial.Plan;
            _exchange = new EpochExchange(trial._net, trial.Trial, plan, trial._layout, trial._recording);
            for (var s = 0; s < shards.Length; s++) _exchange.Router.Learn(s, shards[s].SourceGids);
            _drives = new DriveSchedule(DriveSpikes.ForTrial(trial._net, trial.Trial, trial.Grid));
            _firedNow = new SpikeBatch[shards.Length];
            _dipoles = shards.Select(s => s.MeasuresDipole ? new double[plan.StepsPerEpoch] : null).ToArray();
            _traces = shards.Select(s => s.TraceWidth > 0 ? new double[(plan.StepsPerEpoch + 1) * s.TraceWidth] : null).ToArray();
            _potentials = shards.Select(s => s.ContactCount > 0 ? new double[plan.StepsPerEpoch * s.ContactCount] : null).ToArray();
        }

        /// <summary>
        /// Runs epoch k with, besides this network's own drives, <paramref name="live"/> drive spikes from
        /// outside (a projection's, in drive order after the own ones); returns the spikes fired in k.
        /// </summary>
        public SpikeBatch Run(int epoch, SpikeBatch live)
        {
            var plan = _trial.Plan;
            var shards = _trial._shards;
            _driveParts[0] = _drives.TakeBefore(plan.DriveHorizon(epoch));
            _driveParts[1] = live;
            var inbound = _exchange.Begin(_fired, SpikeBatch.Concat(_driveParts));
            for (var s = 0; s < shards.Length; s++)
            {
                shards[s].Receive(inbound[s]);
                _firedNow[s] = shards[s].Advance(plan.StepsIn(epoch), _dipoles[s], _traces[s], _potentials[s]);
            }
            _fired = _exchange.End(epoch, _firedNow, _dipoles, _traces, _potentials);
            _exchange.Recorder.Traces?.Flush(plan.FirstStep(epoch) + plan.StepsIn(epoch));
            return _fired;
        }

        public TrialResult Finish() => _exchange.Recorder.Finish();

        public void Dispose() => _exchange.Recorder.Dispose();
    }
}
