using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Batch;

/// <summary>A job as the facade hands it in: runnable (a payload maker) or already known to be invalid (an error).</summary>
internal sealed record BatchJobInput(
    int Id, string Key, IReadOnlyList<KeyValuePair<string, string>> Parameters, Func<JobPayload>? Payload, string? Error);

/// <summary>
/// Runs a batch on an actor system (docs/dev/batch-runs.md): starts the dispatcher and the executors
/// (one batch worker here, or one on every cluster worker), turns the dispatcher's events into
/// progress and results as jobs finish, computes each job's summaries, and stops every actor
/// of the batch when it ends, is cancelled, or the caller stops reading.
/// </summary>
internal static class BatchRunner
{
    public delegate IReadOnlyList<KeyValuePair<string, double>> Summarize(SimulationResult result);

    public static async IAsyncEnumerable<BatchJobResult> RunAsync(
        ActorSystem system, SimulatorOptions options, IReadOnlyList<BatchJobInput> jobs, Summarize summarize,
        IProgress<BatchProgress>? progress, [EnumeratorCancellation] CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var byId = jobs.ToDictionary(j => j.Id);
        int done = 0, failed = 0, requeues = 0;
        var running = new HashSet<int>();
        void Report() => progress?.Report(new BatchProgress(done, failed, running.Count, jobs.Count, clock.Elapsed, requeues));

        foreach (var invalid in jobs.Where(j => j.Error is not null))
        {
            done++;
            failed++;
            Report();
            yield return new BatchJobResult(invalid.Id, invalid.Key, invalid.Parameters, BatchJobStatus.Failed, invalid.Error, [], null, 0.0, "");
        }
        var runnable = jobs.Where(j => j.Error is null).Select(j => new QueuedJob(j.Id, j.Payload!)).ToArray();
        if (runnable.Length == 0) yield break;

        var events = Channel.CreateUnbounded<BatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        var dispatcher = system.ActorOf(BatchDispatcherActor.Props(runnable, events.Writer, options.Timeout), $"batch-{Guid.NewGuid():N}");
        var workers = StartWorkers(system, options, dispatcher);
        var finished = 0;
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                switch (e)
                {
                    case JobStarted started:
                        running.Add(started.Id);
                        Report();
                        break;
                    case JobRequeued requeued:
                        running.Remove(requeued.Id);
                        requeues++;
                        Report();
                        break;
                    case JobOutcome outcome:
                        running.Remove(outcome.Id);
                        finished++;
                        var result = ResultOf(byId[outcome.Id], outcome, summarize);
                        done++;
                        if (result.Status == BatchJobStatus.Failed) failed++;
                        Report();
                        yield return result;
                        break;
                }
            }
        }
        finally
        {
            // Cancelled, or the caller stopped reading: stop the jobs still running.
            if (finished < runnable.Length) dispatcher.Tell(CancelJobs.Instance);
            foreach (var worker in workers) system.Stop(worker);
            system.Stop(dispatcher);
        }
    }

    /// <summary>
    /// One batch worker per node: here, or on each cluster worker, created by its node host (executors = that
    /// node's cores, or the option's count); remote ones stop with the dispatcher. Returns the local ones.
    /// </summary>
    private static IActorRef[] StartWorkers(ActorSystem system, SimulatorOptions options, IActorRef dispatcher)
    {
        if (options.Workers is { Count: > 0 } addresses)
        {
            foreach (var address in addresses)
                system.ActorSelection(new RootActorPath(address) / "user" / Cluster.NodeHostActor.Name)
                    .Tell(new HostBatchWorker(new StartExecutors(options.JobsPerNode)), dispatcher);
            return [];
        }
        var worker = system.ActorOf(BatchWorkerActor.Props(), $"batch-worker-{Guid.NewGuid():N}");
        worker.Tell(new StartExecutors(options.JobsPerNode ?? Environment.ProcessorCount), dispatcher);
        return [worker];
    }

    private static BatchJobResult ResultOf(BatchJobInput job, JobOutcome outcome, Summarize summarize)
    {
        if (outcome.Result is null)
            return new BatchJobResult(job.Id, job.Key, job.Parameters, BatchJobStatus.Failed, outcome.Error, [], null, outcome.WallSeconds, outcome.Node);
        try
        {
            return new BatchJobResult(job.Id, job.Key, job.Parameters, BatchJobStatus.Done, null, summarize(outcome.Result),
                outcome.Result, outcome.WallSeconds, outcome.Node);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return new BatchJobResult(job.Id, job.Key, job.Parameters, BatchJobStatus.Failed, $"summaries: {e.Message}", [],
                outcome.Result, outcome.WallSeconds, outcome.Node);
        }
    }
}
