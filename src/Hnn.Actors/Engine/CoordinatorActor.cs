using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// Runs one trial with the epoch protocol (docs/dev/epoch-protocol.md), in three states:
/// <list type="bullet">
/// <item><b>Building</b>: shards are placed (<see cref="ShardPlacement"/>) and build themselves;
/// each reports its source gids to the <see cref="SpikeRouter"/>; the drives generate their
/// spikes. It ends when every shard is ready and epoch 0's drive spikes are in.</item>
/// <item><b>Running</b>: per epoch, each shard gets one <see cref="Advance"/> with the spikes that
/// reach it (<see cref="EpochExchange"/>); the barrier waits for every <see cref="EpochDone"/>
/// and for the next epoch's drive spikes.</item>
/// <item><b>Recovering</b>: a worker was lost; its shards are placed again and every shard goes
/// back to the last checkpoint (<see cref="Checkpoints"/>), then Running resumes there.</item>
/// </list>
/// Any other failure, or an epoch without progress, ends the trial with a <see cref="TrialFailed"/>
/// naming the shard, epoch and simulated time.
/// </summary>
internal sealed partial class CoordinatorActor : ReceiveActor
{
    private readonly Func<ShardSpec, Props> _shardProps;
    private readonly Stopwatch _clock = new();
    private int[] _sendOrder = [];
    private IActorRef _requester = ActorRefs.Nobody;
    private RunTrial _run = null!;
    private EpochExchange _exchange = null!;
    private ShardPlacement _placement = null!;
    private Checkpoints _checkpoints = null!;
    private DriveBuffer _drives = null!;
    private EpochAnswers _answers = null!;
    private IActorRef[] _shards = [];
    private IActorRef[] _driveActors = [];
    private bool[] _ready = [];   // per shard: built (and its actor known) in this generation
    private int _epoch = -1, _generation, _recoveries, _restored;
    private SpikeBatch? _ended;   // the running epoch's fired spikes once every shard has answered; the next epoch may still wait for drives
    private TimeSpan _buildTime;
    private SpikeBatch _epochDrives = SpikeBatch.Empty;   // the running epoch's drive spikes, for a live observer only

    public CoordinatorActor(Func<ShardSpec, Props> shardProps)
    {
        _shardProps = shardProps;
        Receive<RunTrial>(Start);
    }

    /// <param name="shardProps">How a shard actor is made (tests substitute faulty shards); default <see cref="PopulationActor"/>.</param>
    public static Props Props(Func<ShardSpec, Props>? shardProps = null) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(shardProps ?? (_ => PopulationActor.Props())));

    private EpochPlan Plan => _exchange.Plan;

    // A child that throws is stopped; DeathWatch then ends the trial with a clear error.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    // An unfinished trial leaves no trace files behind (a finished one has named them already).
    protected override void PostStop()
    {
        _exchange?.Recorder.Dispose();
        if (_placement is { IsDistributed: true })
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
            Context.System.EventStream.Unsubscribe(Self);
        }
    }

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
            _exchange = new EpochExchange(net, run.Trial, run.Coupling?.Plan ?? EpochPlan.For(net, NetConCache.MinDelays(net), run.Grid), run.Layout, run.Recording);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Fail(e.Message, null, null);
            return;
        }
        _placement = new ShardPlacement(run.Workers, run.Layout.Count);
        _checkpoints = new Checkpoints(_placement.IsDistributed && run.CheckpointEvery > 0, run.CheckpointEvery);
        _drives = new DriveBuffer(net.Drives.Count, keepForReruns: _checkpoints.Enabled);
        _answers = new EpochAnswers(run.Layout.Count);
        _shards = new IActorRef[run.Layout.Count];
        _sendOrder = ShardLayout.HeaviestFirst(net, run.Layout);
        Array.Fill(_shards, ActorRefs.Nobody);
        _ready = new bool[run.Layout.Count];
        // A worker is lost, in every state, as soon as it becomes unreachable, leaves, or its connection
        // closes (a killed process: long before the failure detector notices); its shards move (C4).
        if (_placement.IsDistributed)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(Akka.Cluster.ClusterEvent.UnreachableMember), typeof(Akka.Cluster.ClusterEvent.MemberRemoved));
            Context.System.EventStream.Subscribe(Self, typeof(Akka.Remote.DisassociatedEvent));
        }
        foreach (var s in run.Layout) PlaceShard(s);
        // A drive fed live by another network of a coupled run is that run's projection actor.
        var live = run.Coupling?.LiveDrives ?? new Dictionary<int, IActorRef>();
        _driveActors = net.Drives.Select((d, i) => Context.Watch(live.TryGetValue(i, out var p) ? p : Context.ActorOf(DriveActor.Props(), $"drive-{i}"))).ToArray();
        for (var i = 0; i < _driveActors.Length; i++)
            if (!live.ContainsKey(i)) _driveActors[i].Tell(new StartDrive(net, i, net.Drives[i].Name, run.Trial, run.Grid));
        RequestDrives(0);
        Context.SetReceiveTimeout(run.EpochTimeout);
        Become(Building);
    }

    // Here, or by the node host of the next live worker (remote deployment is off on cluster nodes,
    // docs/dev/cluster-security.md §2); the shard builds itself from the network description and
    // answers ShardReady, which tells a remote shard's actor. A re-placed shard restores the checkpoint.
    private void PlaceShard(ShardSpec s, RestoreShard? restore = null)
    {
        _ready[s.Index] = false;
        var build = new BuildShard(_run.Network, s, _run.Grid, _run.Recording?.Record, _generation);
        if (_placement.Place(s.Index) is { } worker)
        {
            _shards[s.Index] = ActorRefs.Nobody;
            Context.ActorSelection(new RootActorPath(worker) / "user" / Cluster.NodeHostActor.Name).Tell(new HostShard(build, restore));
            return;
        }
        _shards[s.Index] = Context.Watch(Context.ActorOf(_shardProps(s), $"shard-{s.Index}-g{_generation}"));
        _shards[s.Index].Tell(build);
        if (restore is not null) _shards[s.Index].Tell(restore);
    }

    // A shard is built: a remote one's actor is the one that answered (remember and watch it); its sources go to the router once.
    private void OnShardReady(ShardReady m)
    {
        if (m.Generation != _generation) return;   // built before a restart
        if (_shards[m.Shard].IsNobody()) _shards[m.Shard] = Context.Watch(Sender);   // placed by a node host
        _ready[m.Shard] = true;
        _exchange.Router.Learn(m.Shard, m.SourceGids);
    }

    private void Building()
    {
        Receive<ShardReady>(m =>
        {
            OnShardReady(m);
            TryStartRunning();
        });
        Receive<EpochDone>(_ => { });        // of an epoch before a restart
        Receive<ShardRestored>(_ => { });
        Receive<DriveEventsReady>(m =>
        {
            _drives.Add(m.Index, m.Epoch, m.Spikes);
            TryStartRunning();
        });
        InEveryState();
    }

    private void TryStartRunning()
    {
        if (!Array.TrueForAll(_ready, r => r) || !_drives.IsComplete(0)) return;
        _buildTime = _clock.Elapsed;
        Become(Running);
        StartEpoch(0, SpikeBatch.Empty);
    }

    private void Running()
    {
        Receive<EpochDone>(m =>
        {
            if (m.Generation != _generation || m.Epoch != _epoch) return; // from before a recovery
            _answers.Add(m);
            TryFinishEpoch();
        });
        Receive<DriveEventsReady>(m =>
        {
            _drives.Add(m.Index, m.Epoch, m.Spikes);
            TryFinishEpoch();
        });
        InEveryState();
    }

    private void Recovering()
    {
        Receive<ShardRestored>(m =>
        {
            if (m.Generation != _generation || ++_restored < _shards.Length) return;
            var cp = _checkpoints.Last!;
            Become(Running);
            StartEpoch(cp.Epoch, cp.FiredBefore);
        });
        Receive<DriveEventsReady>(m => _drives.Add(m.Index, m.Epoch, m.Spikes));
        Receive<EpochDone>(_ => { }); // of the epoch the loss interrupted
        InEveryState();
    }

    private void InEveryState()
    {
        Receive<ShardFailed>(m => Fail(m.Error, m.Shard >= 0 ? m.Shard : null, m.ShardName, m.Epoch >= 0 ? m.Epoch : _epoch, m.Time));
        Receive<ShardReady>(OnShardReady);   // a re-placed shard (the Building state handles it itself)
        Receive<Terminated>(OnTerminated);
        Receive<Akka.Cluster.ClusterEvent.UnreachableMember>(m => WorkerLost(m.Member.Address, "unreachable"));
        Receive<Akka.Cluster.ClusterEvent.MemberRemoved>(m => WorkerLost(m.Member.Address, "left the cluster"));
        Receive<Akka.Remote.DisassociatedEvent>(m => WorkerLost(m.RemoteAddress, "its connection closed"));
        Receive<ReceiveTimeout>(_ =>
            Fail($"no progress for {_run.EpochTimeout.TotalSeconds:0.#} s ({Silent()} shard(s) have not answered)", null, null));
        Receive<CancelTrial>(_ =>
        {
            _requester.Tell(new TrialCancelled(Math.Max(_epoch, 0)));
            Context.Stop(Self);
        });
    }

    private int Silent() => _epoch < 0 ? _ready.Count(r => !r) : _shards.Length - _answers.Count;

    // The barrier: once every shard has answered, the epoch is recorded and its spikes go to the
    // networks this one projects to (they may be waiting for them); the next epoch starts when every
    // drive has delivered its spikes as well.
    private void TryFinishEpoch()
    {
        var next = _epoch + 1;
        if (_ended is null)
        {
            if (!_answers.IsComplete) return;
            if (_checkpoints.Complete(_answers.Snapshots) is { } checkpointed) _drives.ForgetBefore(checkpointed);
            _ended = _exchange.End(_epoch, _answers.Fired, _answers.Dipoles, _answers.Traces, _answers.Potentials);
            // Recorded samples go to disk once no recovery can replay them: up to the last checkpoint when there are any.
            _exchange.Recorder.Traces?.Flush(_checkpoints.Enabled
                ? (_checkpoints.Last is { Epoch: > 0 } last ? Plan.FirstStep(last.Epoch) : -1)   // from epoch 0 even t = 0 is replayed
                : Plan.FirstStep(_epoch) + Plan.StepsIn(_epoch));
            if (_run.Coupling is { } coupling)
                foreach (var output in coupling.Outputs) output.Tell(new LiveSpikes(_epoch, _ended));
            if (_run.Live is { } live) live.Report(LiveView.Of(_run, _exchange, _epoch, _epochDrives, _ended, _answers.Dipoles));
            _run.Progress?.Invoke(Plan.EndTime(_epoch));
            if (next == Plan.EpochCount)
            {
                _requester.Tell(new TrialCompleted(_exchange.Recorder.Finish(), _buildTime, _clock.Elapsed - _buildTime, Plan.EpochCount, _recoveries));
                Context.Stop(Self);
                return;
            }
        }
        if (!_drives.IsComplete(next)) return;
        StartEpoch(next, _ended);
    }

    private void StartEpoch(int epoch, SpikeBatch firedBefore)
    {
        _epoch = epoch;
        _ended = null;
        _answers.Reset();
        var checkpoint = _checkpoints.IsDue(epoch);
        if (checkpoint) _checkpoints.Begin(epoch, firedBefore, _exchange.Recorder.SpikeCount);
        var drives = _drives.Take(epoch);
        if (_run.Live is not null) _epochDrives = drives;
        var inbound = _exchange.Begin(firedBefore, drives);
        foreach (var i in _sendOrder)
            _shards[i].Tell(new Advance(epoch, Plan.StepsIn(epoch), inbound[i], checkpoint, _generation));
        if (epoch + 1 < Plan.EpochCount) RequestDrives(epoch + 1);
    }

    // Each epoch's drive spikes are asked for once, at the horizon the plan gives.
    private void RequestDrives(int epoch)
    {
        if (_drives.WasRequested(epoch)) return;
        foreach (var d in _driveActors) d.Tell(new DriveRequest(epoch, Plan.DriveHorizon(epoch)));
    }

    private void Fail(string reason, int? shard, string? name, int? epoch = null, double? time = null)
    {
        var e = epoch ?? _epoch;
        var t = time ?? (e >= 0 && _exchange is not null ? Plan.StartTime(e) : 0.0);
        _requester.Tell(new TrialFailed(reason, shard, name, e, t));
        Context.Stop(Self);
    }
}
