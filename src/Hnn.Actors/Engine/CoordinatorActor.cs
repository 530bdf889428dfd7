using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// Runs one trial (docs/dev/epoch-protocol.md): creates the shards (here, or on worker
/// nodes) and the drives, builds the routing table from what the shards report, then per epoch
/// sends each shard one <see cref="Advance"/> with the spikes that reach it, waits for every
/// <see cref="EpochDone"/> (the barrier) and for the drives' spikes of the next epoch, and
/// records spikes and dipoles. With remote shards it keeps checkpoints; when a worker is lost
/// it re-places that worker's shards on the survivors and every shard resumes from the last
/// checkpoint, so the output is unchanged. Any other failure, or an epoch without progress,
/// ends the trial with a <see cref="TrialFailed"/> naming the shard, epoch and simulated time.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor
{
    private IActorRef _requester = ActorRefs.Nobody;
    private RunTrial _run = null!;
    private IActorRef[] _shards = [];
    private Address?[] _shardAddress = [];  // null: in this process
    private List<Address> _liveWorkers = [];
    private IActorRef[] _drives = [];
    private bool[][] _routes = [];          // per shard: gid → has a synapse from it
    private EpochPlan _plan = null!;
    private double[] _grid = [];
    private TrialRecorder _recorder = null!;
    private SpikeBatch[] _fired = [];
    private double[]?[] _dipoles = [];
    private PopulationSnapshot?[] _snapshots = [];
    private readonly Dictionary<int, List<SpikeBatch>> _driveBatches = [];  // by epoch, kept for re-runs
    private int _epoch = -1, _readyShards, _doneShards, _restoredShards, _generation, _recoveries, _nextPlacement;
    private Checkpoint? _checkpoint, _pendingCheckpoint;
    private bool _recovering;
    private readonly Stopwatch _clock = new();
    private TimeSpan _buildTime;

    // The state at the start of an epoch from which a trial can be resumed.
    private sealed record Checkpoint(int Epoch, SpikeBatch Fired, int RecordedSpikes, PopulationSnapshot[] Shards);

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

    private bool Distributed => _run.Workers is { Count: > 0 };
    private bool Checkpointing => Distributed && _run.CheckpointEvery > 0;

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
        _liveWorkers = [.. run.Workers ?? []];
        var n = run.Layout.Count;
        (_shards, _shardAddress, _routes, _fired, _dipoles, _snapshots) =
            (new IActorRef[n], new Address?[n], new bool[n][], new SpikeBatch[n], new double[]?[n], new PopulationSnapshot?[n]);
        foreach (var s in run.Layout) PlaceShard(s);
        _drives = net.Drives.Select((d, i) => Context.Watch(Context.ActorOf(DriveActor.Props(), $"drive-{i}"))).ToArray();
        for (var i = 0; i < _drives.Length; i++)
            _drives[i].Tell(new StartDrive(net, net.Drives[i].Name, run.Trial, run.Tstop, run.Dt));
        RequestDrives(0);
        Context.SetReceiveTimeout(run.EpochTimeout);
        Become(Running);
    }

    // Here, or on the next live worker (round robin); the shard builds itself from the spec.
    private void PlaceShard(ShardSpec s)
    {
        var props = PopulationActor.Props();
        Address? address = null;
        if (Distributed)
        {
            address = _liveWorkers[_nextPlacement++ % _liveWorkers.Count];
            props = props.WithDeploy(Deploy.None.WithScope(new RemoteScope(address)));
        }
        _shards[s.Index] = Context.Watch(Context.ActorOf(props, $"shard-{s.Index}-g{_generation}"));
        _shardAddress[s.Index] = address;
        _shards[s.Index].Tell(new BuildShard(_run.Network, s, _run.Tstop, _run.Dt, _run.Fault));
    }

    private void Running()
    {
        Receive<ShardReady>(m =>
        {
            if (_routes[m.Shard] is null)
            {
                var route = new bool[_run.Network.TotalGids];
                foreach (var gid in m.SourceGids) route[gid] = true;
                _routes[m.Shard] = route;
                _readyShards++;
            }
            TryAdvance();
        });
        Receive<DriveEventsReady>(m =>
        {
            (_driveBatches.TryGetValue(m.Epoch, out var list) ? list : _driveBatches[m.Epoch] = []).Add(m.Spikes);
            TryAdvance();
        });
        Receive<EpochDone>(m =>
        {
            if (m.Generation != _generation || m.Epoch != _epoch) return; // from before a recovery
            _fired[m.Shard] = m.Fired;
            _dipoles[m.Shard] = m.Dipole;
            _snapshots[m.Shard] = m.Snapshot;
            _doneShards++;
            TryAdvance();
        });
        Receive<ShardRestored>(m =>
        {
            if (m.Generation != _generation) return;
            _restoredShards++;
            TryResume();
        });
        Receive<ShardFailed>(m => Fail(m.Error, m.Shard >= 0 ? m.Shard : null, m.ShardName, m.Epoch >= 0 ? m.Epoch : _epoch, m.Time));
        Receive<Terminated>(m => OnTerminated(m.ActorRef));
        Receive<ReceiveTimeout>(_ =>
            Fail($"no progress for {_run.EpochTimeout.TotalSeconds:0.#} s ({_shards.Length - (_epoch < 0 ? _readyShards : _doneShards)} shard(s) have not answered)", null, null));
        Receive<CancelTrial>(_ =>
        {
            _requester.Tell(new TrialCancelled(Math.Max(_epoch, 0)));
            Context.Stop(Self);
        });
    }

    private void OnTerminated(IActorRef actor)
    {
        var shard = Array.IndexOf(_shards, actor);
        if (shard < 0)
        {
            if (Array.IndexOf(_drives, actor) is var d and >= 0) Fail("the drive actor stopped unexpectedly", null, $"drive '{_run.Network.Drives[d].Name}'");
            return; // a shard of an earlier generation, already replaced
        }
        var lost = _shardAddress[shard];
        if (lost is null || !Checkpointing || _checkpoint is null || actor.Path.Address != lost)
        {
            Fail("the actor stopped unexpectedly", shard, _run.Layout[shard].Name);
            return;
        }
        _liveWorkers.Remove(lost);
        if (_liveWorkers.Count == 0)
        {
            Fail($"worker {lost} was lost and no worker is left to take over its shards", shard, _run.Layout[shard].Name);
            return;
        }
        Recover(lost);
    }

    // Every shard of the lost worker is placed again; all shards go back to the checkpoint.
    private void Recover(Address lost)
    {
        var cp = _checkpoint!;
        _generation++;
        _recoveries++;
        _restoredShards = 0;
        _doneShards = 0;
        _pendingCheckpoint = null;
        for (var i = 0; i < _shards.Length; i++)
            if (_shardAddress[i] == lost)
            {
                Context.Unwatch(_shards[i]);
                PlaceShard(_run.Layout[i]);
            }
        for (var i = 0; i < _shards.Length; i++)
            _shards[i].Tell(new RestoreShard(_generation, cp.Shards[i]));
        _recorder.Rewind(cp.RecordedSpikes, cp.Epoch * _plan.StepsPerEpoch);
        _recovering = true;
    }

    private void TryResume()
    {
        if (!_recovering || _restoredShards < _shards.Length) return;
        _recovering = false;
        StartEpoch(_checkpoint!.Epoch, _checkpoint.Fired);
    }

    // The barrier: the next epoch starts when every shard has answered for this one and every
    // drive has delivered the spikes of the next one.
    private void TryAdvance()
    {
        if (_recovering) return;
        if (_epoch < 0)
        {
            if (_readyShards < _shards.Length || !DrivesReady(0)) return;
            _buildTime = _clock.Elapsed;
            StartEpoch(0, SpikeBatch.Empty);
            return;
        }
        if (_doneShards < _shards.Length || (_epoch + 1 < _plan.EpochCount && !DrivesReady(_epoch + 1))) return;

        var firstStep = _epoch * _plan.StepsPerEpoch;
        var steps = _plan.StepsIn(_epoch);
        for (var i = 0; i < _shards.Length; i++)
            if (_dipoles[i] is { } d) _recorder.AddDipole(_run.Layout[i].CellType, firstStep, d);
        if (_pendingCheckpoint is { } pending)
        {
            _checkpoint = pending with { Shards = _snapshots.Select(s => s!).ToArray() };
            _pendingCheckpoint = null;
            foreach (var old in _driveBatches.Keys.Where(e => e < pending.Epoch).ToArray()) _driveBatches.Remove(old);
        }
        var fired = EpochInbound.Concat(_fired);
        _recorder.Add(fired);
        _run.Progress?.Invoke(_grid[firstStep + steps]);

        if (_epoch + 1 == _plan.EpochCount)
        {
            _requester.Tell(new TrialCompleted(_recorder.Finish(), _buildTime, _clock.Elapsed - _buildTime, _plan.EpochCount, _recoveries));
            Context.Stop(Self);
            return;
        }
        StartEpoch(_epoch + 1, fired);
    }

    private void StartEpoch(int epoch, SpikeBatch fired)
    {
        _epoch = epoch;
        _doneShards = 0;
        var checkpoint = Checkpointing && epoch % _run.CheckpointEvery == 0;
        if (checkpoint) _pendingCheckpoint = new Checkpoint(epoch, fired, _recorder.SpikeCount, []);
        var drives = EpochInbound.Concat(_driveBatches[epoch]);
        _recorder.Add(drives);
        var inbound = EpochInbound.Concat([fired, drives]);
        for (var i = 0; i < _shards.Length; i++)
        {
            var route = _routes[i];
            _shards[i].Tell(new Advance(epoch, _plan.StepsIn(epoch), EpochInbound.Filter(inbound, g => route[g]), checkpoint, _generation));
        }
        if (epoch + 1 < _plan.EpochCount) RequestDrives(epoch + 1);
        if (!Checkpointing) _driveBatches.Remove(epoch);
    }

    // Each epoch's drive spikes are asked for once and kept while they may be needed again.
    private void RequestDrives(int epoch)
    {
        if (_driveBatches.ContainsKey(epoch)) return;
        if (_drives.Length == 0) _driveBatches[epoch] = [];
        foreach (var d in _drives) d.Tell(new DriveRequest(epoch, Horizon(epoch)));
    }

    private bool DrivesReady(int epoch) => _driveBatches.TryGetValue(epoch, out var list) && list.Count == _drives.Length;

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
