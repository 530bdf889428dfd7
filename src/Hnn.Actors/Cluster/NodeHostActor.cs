using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Cluster;

/// <summary>
/// The one actor of a cluster node that others may ask for work (docs/dev/cluster-security.md §2): nodes run
/// with remote deployment off (untrusted mode), so shards and batch workers are created here, on request of a
/// member of the cluster with the coordinator role, and only then. A requester this node does not know yet
/// (membership news travels by gossip) is waited for a few seconds before it is refused. What the host creates
/// lives as long as the requester: when that actor stops, or its node is lost, its shards and workers stop too.
/// </summary>
internal sealed class NodeHostActor : ReceiveActor, IWithTimers
{
    public const string Name = "hnn-host";

    // How long a requester may stay unknown to this node's view of the cluster before it is refused.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<IActorRef, List<IActorRef>> _byRequester = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly string _requesterRole;

    private sealed record Pending(object Request, IActorRef Requester, DateTime Deadline);

    private long _pending;

    public ITimerScheduler Timers { get; set; } = null!;

    private enum Trust { Yes, No, NotYetKnown }

    public NodeHostActor(string requesterRole)
    {
        _requesterRole = requesterRole;
        Receive<HostShard>(m => Handle(m, Sender, DateTime.UtcNow + Patience));
        Receive<HostBatchWorker>(m => Handle(m, Sender, DateTime.UtcNow + Patience));
        Receive<Pending>(p => Handle(p.Request, p.Requester, p.Deadline));
        Receive<Terminated>(t =>
        {
            if (_byRequester.Remove(t.ActorRef, out var children))
                foreach (var child in children) Context.Stop(child);
            else
                foreach (var list in _byRequester.Values) list.Remove(t.ActorRef);
        });
    }

    public static Props Props(string requesterRole) => Akka.Actor.Props.Create(() => new NodeHostActor(requesterRole));

    // A child that throws is stopped: its requester sees it terminate and handles that (rule F1 / C4).
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Handle(object request, IActorRef requester, DateTime deadline)
    {
        switch (TrustOf(requester.Path.Address))
        {
            case Trust.Yes:
                Create(request, requester);
                break;
            case Trust.NotYetKnown when DateTime.UtcNow < deadline:
                Timers.StartSingleTimer(_pending++, new Pending(request, requester, deadline), Recheck);
                break;
            default:
                _log.Warning("refused {0} from {1}: not a member of this cluster with role {2}", request.GetType().Name, requester.Path.Address, _requesterRole);
                break;
        }
    }

    private Trust TrustOf(Address from)
    {
        if (from.HasLocalScope || from == _cluster.SelfAddress) return Trust.Yes;
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address == from);
        if (member is null) return Trust.NotYetKnown;
        return member.HasRole(_requesterRole) && member.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining ? Trust.Yes : Trust.No;
    }

    private void Create(object request, IActorRef requester)
    {
        switch (request)
        {
            case HostShard m:
                var shard = Spawn(PopulationActor.Props(), requester);
                shard.Tell(m.Build, requester);
                if (m.Restore is { } restore) shard.Tell(restore, requester);
                break;
            case HostBatchWorker m:
                Spawn(BatchWorkerActor.Props(), requester).Tell(m.Start, requester);
                break;
        }
    }

    private IActorRef Spawn(Props props, IActorRef requester)
    {
        var child = Context.Watch(Context.ActorOf(props));
        if (!_byRequester.TryGetValue(requester, out var children))
        {
            _byRequester[requester] = children = [];
            Context.Watch(requester);
        }
        children.Add(child);
        return child;
    }
}
