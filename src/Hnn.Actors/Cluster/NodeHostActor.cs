using Akka.Actor;
using Akka.Event;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Cluster;

/// <summary>
/// The one actor of a cluster node that others may ask for work (docs/dev/cluster-security.md §2): nodes run
/// with remote deployment off (untrusted mode), so shards and batch workers are created here, on request of a
/// node that is an Up member of the cluster with the coordinator role, and only then. What it creates lives
/// as long as the requester: when that actor stops, or its node is lost, its shards and workers here stop too.
/// </summary>
internal sealed class NodeHostActor : ReceiveActor
{
    public const string Name = "hnn-host";

    /// <summary>The path other nodes select (one of the trusted selection paths in hocon/cluster.conf).</summary>
    public const string PathName = "/user/" + Name;

    private readonly Dictionary<IActorRef, List<IActorRef>> _byRequester = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public NodeHostActor(string requesterRole)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        bool Trusted(object request)
        {
            var from = Sender.Path.Address;
            if (from.HasLocalScope || from == cluster.SelfAddress) return true;
            if (cluster.State.Members.Any(m => m.Address == from && m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(requesterRole))) return true;
            _log.Warning("refused {0} from {1}: not an Up member of this cluster with role {2}", request.GetType().Name, from, requesterRole);
            return false;
        }
        Receive<HostShard>(m =>
        {
            if (!Trusted(m)) return;
            var shard = Spawn(PopulationActor.Props());
            shard.Tell(m.Build, Sender);
            if (m.Restore is { } restore) shard.Tell(restore, Sender);
        });
        Receive<HostBatchWorker>(m =>
        {
            if (!Trusted(m)) return;
            Spawn(BatchWorkerActor.Props()).Tell(m.Start, Sender);
        });
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

    private IActorRef Spawn(Props props)
    {
        var child = Context.Watch(Context.ActorOf(props));
        if (!_byRequester.TryGetValue(Sender, out var children))
        {
            _byRequester[Sender] = children = [];
            Context.Watch(Sender);
        }
        children.Add(child);
        return child;
    }
}
