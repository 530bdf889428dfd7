namespace Hnn.Actors.Messages;

/// <summary>
/// Coordinator → a worker's node host: create this shard on your node, then hand it the build (and, when
/// re-placed after a loss, the checkpoint to restore) as if the coordinator had sent them.
/// </summary>
internal sealed record HostShard(BuildShard Build, RestoreShard? Restore = null);

/// <summary>Batch dispatcher → a worker's node host: start a batch worker on your node with these executors.</summary>
internal sealed record HostBatchWorker(StartExecutors Start);
