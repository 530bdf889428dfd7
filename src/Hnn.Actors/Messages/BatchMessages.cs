using Hnn.Actors.Batch;
using Hnn.Actors.Engine;

namespace Hnn.Actors.Messages;

/// <summary>Dispatcher → batch worker (a node's executor parent): start this many executors (null: one per core of that node).</summary>
internal sealed record StartExecutors(int? Slots);

/// <summary>Executor → dispatcher: I am free; send me the next job (work pulling, docs/dev/batch-runs.md §2).</summary>
internal sealed record ExecutorReady
{
    public static readonly ExecutorReady Instance = new();
}

/// <summary>Dispatcher → executor: run job <c>Id</c>, a whole simulation.</summary>
internal sealed record RunJob(int Id, JobPayload Payload);

/// <summary>Executor → dispatcher: job <c>Id</c> finished on <c>Node</c> after <c>WallSeconds</c>.</summary>
internal sealed record JobDone(int Id, SimulationResult Result, double WallSeconds, string Node);

/// <summary>Executor → dispatcher: job <c>Id</c> could not be built or simulated; the batch goes on.</summary>
internal sealed record JobFailed(int Id, string Error, double WallSeconds, string Node);

/// <summary>Facade → dispatcher → executors: stop the running jobs, start no more.</summary>
internal sealed record CancelJobs
{
    public static readonly CancelJobs Instance = new();
}
