using Akka.Actor;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Batch;

/// <summary>
/// A node's share of a batch: deployed on each cluster worker (or in this process), it starts one
/// executor per core of the node it runs on — taskset and container limits included, since
/// <see cref="Environment.ProcessorCount"/> honours them — each pulling jobs from the dispatcher.
/// Created from its type, with no arguments, so that it can be deployed on another node.
/// </summary>
internal sealed class BatchWorkerActor : ReceiveActor
{
    public BatchWorkerActor()
    {
        Receive<StartExecutors>(start =>
        {
            var slots = start.Slots ?? Environment.ProcessorCount;
            for (var i = 0; i < slots; i++)
                Context.ActorOf(JobExecutorActor.Props(Sender), $"executor-{i}");
        });
        Receive<CancelJobs>(cancel =>
        {
            foreach (var child in Context.GetChildren()) child.Forward(cancel);
        });
    }

    public static Props Props() => Akka.Actor.Props.Create<BatchWorkerActor>();

    // An executor that throws is a bug; stop it (the dispatcher sees it terminate and re-queues its job) rather than restart it mid-job.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
