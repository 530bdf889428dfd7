using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Experiment;

namespace Hnn.Actors.Batch;

/// <summary>
/// One core's worth of batch work: asks the dispatcher for a job, runs it on a thread of its own
/// (the actor stays free to hear a cancel), reports it, asks again (docs/dev/batch-runs.md §2).
/// </summary>
internal sealed class JobExecutorActor : ReceiveActor
{
    private readonly IActorRef _dispatcher;
    private readonly string _node;
    private CancellationTokenSource? _running;

    public JobExecutorActor(IActorRef dispatcher)
    {
        _dispatcher = dispatcher;
        _node = NodeName(Context.System);
        Receive<RunJob>(Start);
        Receive<JobDone>(done => Finish(done));
        Receive<JobFailed>(failed => Finish(failed));
        Receive<CancelJobs>(_ => _running?.Cancel());
    }

    public static Props Props(IActorRef dispatcher) => Akka.Actor.Props.Create(() => new JobExecutorActor(dispatcher));

    /// <summary>The node column of results.csv: host:port of a cluster node, "local" in a local actor system.</summary>
    public static string NodeName(ActorSystem system)
    {
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        return address.Host is null ? "local" : $"{address.Host}:{address.Port}";
    }

    protected override void PreStart() => _dispatcher.Tell(ExecutorReady.Instance, Self);

    protected override void PostStop() => _running?.Cancel();

    private void Start(RunJob job)
    {
        _running = new CancellationTokenSource();
        var cancel = _running.Token;
        var node = _node;
        var self = Self;
        // A long-running task is its own thread: the job never holds a dispatcher thread for seconds.
        Task.Factory.StartNew(() =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var result = JobRunner.Run(job.Payload, cancel);
                return (object)new JobDone(job.Id, result, clock.Elapsed.TotalSeconds, node);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return new JobFailed(job.Id, "cancelled", clock.Elapsed.TotalSeconds, node);
            }
            catch (Exception e)
            {
                return new JobFailed(job.Id, Describe(e), clock.Elapsed.TotalSeconds, node);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).PipeTo(self);
    }

    private void Finish(object outcome)
    {
        _running?.Dispose();
        _running = null;
        // The outcome doubles as the request for the next job.
        _dispatcher.Tell(outcome, Self);
    }

    /// <summary>A user's error as its message; anything else also names its type (it is a bug or a resource limit).</summary>
    internal static string Describe(Exception e) => e switch
    {
        ExperimentFileException or ArgumentException or FormatException or IOException => UserMessage.Of(e),
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
