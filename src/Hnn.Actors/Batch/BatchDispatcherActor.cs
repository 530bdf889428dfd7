using System.Threading.Channels;
using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Batch;

/// <summary>A job waiting to run: its payload is made when an executor takes it (a set_params call may be costly).</summary>
internal sealed record QueuedJob(int Id, Func<JobPayload> Payload);

/// <summary>What the dispatcher tells the batch's reader.</summary>
internal abstract record BatchEvent(int Id, string Node);

internal sealed record JobStarted(int Id, string Node) : BatchEvent(Id, Node);

/// <summary>The executor running the job was lost (its node died); the job is back in the queue.</summary>
internal sealed record JobRequeued(int Id, string Node) : BatchEvent(Id, Node);

internal sealed record JobOutcome(int Id, SimulationResult? Result, string? Error, double WallSeconds, string Node) : BatchEvent(Id, Node);

/// <summary>
/// The work-pulling queue of a batch (docs/dev/batch-runs.md §2): executors ask when they are free and
/// get the next job, so fast and slow nodes stay busy without a plan. It watches every executor;
/// a job whose executor dies goes back to the front of the queue and runs elsewhere. Every job
/// ends in exactly one <see cref="JobOutcome"/>; after the last one the event channel completes.
/// </summary>
internal sealed class BatchDispatcherActor : ReceiveActor, IWithTimers
{
    private readonly LinkedList<QueuedJob> _pending;
    private readonly ChannelWriter<BatchEvent> _events;
    private readonly TimeSpan _orphanTimeout;
    private readonly Dictionary<IActorRef, QueuedJob> _running = [];
    private readonly HashSet<IActorRef> _executors = [];
    private readonly LinkedList<IActorRef> _idle = [];
    private readonly HashSet<int> _finished = [];
    private readonly int _total;
    private bool _cancelled;

    public ITimerScheduler Timers { get; set; } = null!;

    public BatchDispatcherActor(IReadOnlyList<QueuedJob> jobs, ChannelWriter<BatchEvent> events, TimeSpan orphanTimeout)
    {
        _pending = new LinkedList<QueuedJob>(jobs);
        _events = events;
        _orphanTimeout = orphanTimeout;
        _total = jobs.Count;
        Receive<ExecutorReady>(_ => Ready(Sender));
        Receive<JobDone>(done => Finished(Sender, new JobOutcome(done.Id, done.Result, null, done.WallSeconds, done.Node)));
        Receive<JobFailed>(failed => Finished(Sender, new JobOutcome(failed.Id, null, failed.Error, failed.WallSeconds, failed.Node)));
        Receive<Terminated>(t => Lost(t.ActorRef));
        Receive<OrphanCheck>(_ => FailIfOrphaned());
        Receive<CancelJobs>(cancel =>
        {
            _cancelled = true;
            foreach (var executor in _running.Keys) executor.Tell(cancel);
        });
        if (_total == 0) _events.TryComplete();
    }

    public static Props Props(IReadOnlyList<QueuedJob> jobs, ChannelWriter<BatchEvent> events, TimeSpan orphanTimeout) =>
        Akka.Actor.Props.Create(() => new BatchDispatcherActor(jobs, events, orphanTimeout));

    private void Ready(IActorRef executor)
    {
        if (_executors.Add(executor)) Context.Watch(executor);
        // An executor asking again while it holds a job was restarted: that job is lost with it.
        if (_running.Remove(executor, out var lost)) Requeue(lost, executor);
        Dispatch(executor);
    }

    private void Finished(IActorRef executor, JobOutcome outcome)
    {
        if (_running.TryGetValue(executor, out var job) && job.Id == outcome.Id) _running.Remove(executor);
        Complete(outcome);
        Dispatch(executor);
    }

    private void Complete(JobOutcome outcome)
    {
        // A job re-queued after its node was taken for dead may still report from there: the first outcome counts.
        if (!_finished.Add(outcome.Id)) return;
        _events.TryWrite(outcome);
        if (_finished.Count == _total) _events.TryComplete();
    }

    private void Dispatch(IActorRef executor)
    {
        while (!_cancelled && _pending.First is { } first)
        {
            _pending.RemoveFirst();
            var job = first.Value;
            if (_finished.Contains(job.Id)) continue;
            JobPayload payload;
            try
            {
                payload = job.Payload();
            }
            catch (Exception e)
            {
                Complete(new JobOutcome(job.Id, null, JobExecutorActor.Describe(e), 0.0, "local"));
                continue;
            }
            _running[executor] = job;
            _events.TryWrite(new JobStarted(job.Id, NodeOf(executor)));
            executor.Tell(new RunJob(job.Id, payload), Self);
            return;
        }
        if (!_idle.Contains(executor)) _idle.AddLast(executor);
    }

    private void Lost(IActorRef executor)
    {
        _executors.Remove(executor);
        _idle.Remove(executor);
        if (_running.Remove(executor, out var job)) Requeue(job, executor);
        if (_executors.Count == 0 && _finished.Count < _total)
            Timers.StartSingleTimer("orphaned", OrphanCheck.Instance, _orphanTimeout);
    }

    private void Requeue(QueuedJob job, IActorRef executor)
    {
        if (_finished.Contains(job.Id)) return;
        _pending.AddFirst(job);
        _events.TryWrite(new JobRequeued(job.Id, NodeOf(executor)));
        // A free executor elsewhere takes it at once.
        if (_idle.First is { } idle)
        {
            _idle.RemoveFirst();
            Dispatch(idle.Value);
        }
    }

    private void FailIfOrphaned()
    {
        if (_executors.Count > 0) return;
        foreach (var job in _pending.ToArray())
            Complete(new JobOutcome(job.Id, null, $"no executor left to run it (every worker was lost for {_orphanTimeout.TotalSeconds:0} s)", 0.0, ""));
        _pending.Clear();
    }

    private static string NodeOf(IActorRef executor) =>
        executor.Path.Address.Host is { } host ? $"{host}:{executor.Path.Address.Port}" : "local";

    private sealed record OrphanCheck
    {
        public static readonly OrphanCheck Instance = new();
    }
}
