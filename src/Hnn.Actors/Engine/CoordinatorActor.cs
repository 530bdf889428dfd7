using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// Runs one trial (DESIGN.md "The epoch protocol"): creates the shards and drives, builds the
/// routing table from what the shards report, then per epoch sends each shard one
/// <see cref="Advance"/> with the spikes that reach it, waits for every <see cref="EpochDone"/>
/// (the barrier) and for the drives' spikes of the next epoch, and records spikes and dipoles.
/// Any shard failure, a stopped child or an epoch without progress ends the trial with a
/// <see cref="TrialFailed"/> naming the shard, epoch and simulated time.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor
{
    private IActorRef _requester = ActorRefs.Nobody;
    private RunTrial _run = null!;
    private IActorRef[] _shards = [];
    private IActorRef[] _drives = [];
    private bool[][] _routes = [];          // per shard: gid → has a synapse from it
    private EpochPlan _plan = null!;
    private double[] _grid = [];
    private TrialRecorder _recorder = null!;
    private SpikeBatch[] _fired = [];
    private double[]?[] _dipoles = [];
    private List<SpikeBatch> _driveBatches = [];
    private int _epoch = -1, _readyShards, _doneShards, _driveReplies;
    private readonly Stopwatch _clock = new();
    private TimeSpan _buildTime;

    public CoordinatorActor()
    {
        Receive<RunTrial>(Start);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new CoordinatorActor());

    // A child that throws is stopped; DeathWatch then ends the trial with a clear error.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    // A bug in the coordinator itself must still answer the caller, never leave it waiting.
    protected override void PreRestart(Exception reason, object message)
    {
        _requester.Tell(new TrialFailed($"coordinator error: {reason.Message}", null, null, _epoch, 0.0));
        Context.Stop(Self);
    }

    private void Start(RunTrial run)
    {
        _requester = Sender;
        _run = run;
        _clock.Start();
        var net = run.Network;
        try
        {
            _plan = EpochPlan.For(net, NetConCache.For(net), run.Tstop, run.Dt);
        }
        catch (ArgumentException e)
        {
            Fail(e.Message, null, null);
            return;
        }
        _grid = TimeGrid.Accumulated(_plan.TotalSteps, run.Dt);
        _recorder = new TrialRecorder(net, run.Trial, _grid);
        _shards = run.Layout.Select(s => Context.Watch(Context.ActorOf(PopulationActor.Props(), $"shard-{s.Index}"))).ToArray();
        _drives = net.Drives.Select((d, i) => Context.Watch(Context.ActorOf(DriveActor.Props(), $"drive-{i}"))).ToArray();
        _routes = new bool[_shards.Length][];
        _fired = new SpikeBatch[_shards.Length];
        _dipoles = new double[]?[_shards.Length];
        foreach (var s in run.Layout)
            _shards[s.Index].Tell(new BuildShard(net, s, run.Tstop, run.Dt, run.Fault));
        for (var i = 0; i < _drives.Length; i++)
        {
            _drives[i].Tell(new StartDrive(net, net.Drives[i].Name, run.Trial, run.Tstop, run.Dt));
            _drives[i].Tell(new DriveRequest(0, Horizon(0)));
        }
        Context.SetReceiveTimeout(run.EpochTimeout);
        Become(Running);
    }

    private void Running()
    {
        Receive<ShardReady>(m =>
        {
            var route = new bool[_run.Network.TotalGids];
            foreach (var gid in m.SourceGids) route[gid] = true;
            _routes[m.Shard] = route;
            _readyShards++;
            TryAdvance();
        });
        Receive<DriveEventsReady>(m =>
        {
            _driveBatches.Add(m.Spikes);
            _driveReplies++;
            TryAdvance();
        });
        Receive<EpochDone>(m =>
        {
            _fired[m.Shard] = m.Fired;
            _dipoles[m.Shard] = m.Dipole;
            _doneShards++;
            TryAdvance();
        });
        Receive<ShardFailed>(m => Fail(m.Error, m.Shard >= 0 ? m.Shard : null, m.ShardName, m.Epoch >= 0 ? m.Epoch : _epoch, m.Time));
        Receive<Terminated>(m =>
        {
            var shard = Array.IndexOf(_shards, m.ActorRef);
            var name = shard >= 0 ? _run.Layout[shard].Name : $"drive {Array.IndexOf(_drives, m.ActorRef)}";
            Fail("the actor stopped unexpectedly", shard >= 0 ? shard : null, name);
        });
        Receive<ReceiveTimeout>(_ =>
            Fail($"no progress for {_run.EpochTimeout.TotalSeconds:0.#} s ({_shards.Length - (_epoch < 0 ? _readyShards : _doneShards)} shard(s) have not answered)", null, null));
        Receive<CancelTrial>(_ =>
        {
            _requester.Tell(new TrialCancelled(Math.Max(_epoch, 0)));
            Context.Stop(Self);
        });
    }

    // The barrier: the next epoch starts when every shard has answered for this one and every
    // drive has delivered the spikes of the next one.
    private void TryAdvance()
    {
        if (_epoch < 0)
        {
            if (_readyShards < _shards.Length || _driveReplies < _drives.Length) return;
            _buildTime = _clock.Elapsed;
            StartEpoch(0, SpikeBatch.Empty);
            return;
        }
        var drivesDue = _epoch + 1 < _plan.EpochCount ? _drives.Length : 0;
        if (_doneShards < _shards.Length || _driveReplies < drivesDue) return;

        var firstStep = _epoch * _plan.StepsPerEpoch;
        var steps = _plan.StepsIn(_epoch);
        for (var i = 0; i < _shards.Length; i++)
            if (_dipoles[i] is { } d) _recorder.AddDipole(_run.Layout[i].CellType, firstStep, d);
        var fired = EpochInbound.Concat(_fired);
        _recorder.Add(fired);
        _run.Progress?.Invoke(_grid[firstStep + steps]);

        if (_epoch + 1 == _plan.EpochCount)
        {
            _requester.Tell(new TrialCompleted(_recorder.Finish(), _buildTime, _clock.Elapsed - _buildTime, _plan.EpochCount));
            Context.Stop(Self);
            return;
        }
        StartEpoch(_epoch + 1, fired);
    }

    private void StartEpoch(int epoch, SpikeBatch fired)
    {
        _epoch = epoch;
        var drives = EpochInbound.Concat(_driveBatches);
        _recorder.Add(drives);
        var inbound = EpochInbound.Concat([fired, drives]);
        _driveBatches = [];
        _driveReplies = 0;
        _doneShards = 0;
        for (var i = 0; i < _shards.Length; i++)
        {
            var route = _routes[i];
            _shards[i].Tell(new Advance(epoch, _plan.StepsIn(epoch), EpochInbound.Filter(inbound, g => route[g])));
        }
        if (epoch + 1 < _plan.EpochCount)
            foreach (var d in _drives) d.Tell(new DriveRequest(epoch + 1, Horizon(epoch + 1)));
    }

    // Drive spikes before the end of epoch k are due with it (EpochInbound).
    private double Horizon(int epoch) =>
        EpochInbound.DriveHorizon(_grid, Math.Min((epoch + 1) * _plan.StepsPerEpoch, _plan.TotalSteps), _plan.TotalSteps);

    private void Fail(string reason, int? shard, string? name, int? epoch = null, double? time = null)
    {
        var e = epoch ?? _epoch;
        var t = time ?? (e >= 0 && _plan is not null ? _grid[Math.Min(e * _plan.StepsPerEpoch, _grid.Length - 1)] : 0.0);
        _requester.Tell(new TrialFailed(reason, shard, name, e, t));
        Context.Stop(Self);
    }
}
