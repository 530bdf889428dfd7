using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Tests;

/// <summary>The coordinator's small parts alone: drive buffering, checkpoints and placement.</summary>
public sealed class CoordinatorPartsTests
{
    [Fact]
    public void DriveBufferJoinsBatchesInDriveOrderWhateverOrderTheyArriveIn()
    {
        var buffer = new DriveBuffer(drives: 2, keepForReruns: false);
        Assert.False(buffer.WasRequested(0));
        Assert.True(buffer.WasRequested(0)); // asked for once
        buffer.Add(1, 0, new SpikeBatch([20], [0.5]));
        Assert.False(buffer.IsComplete(0));
        buffer.Add(0, 0, new SpikeBatch([10], [0.7]));
        Assert.True(buffer.IsComplete(0));
        Assert.Equal([10, 20], buffer.Take(0).Gids);
        Assert.False(buffer.IsComplete(0)); // forgotten once taken, without checkpoints
    }

    [Fact]
    public void DriveBufferKeepsEpochsAfterTheLastCheckpointForReruns()
    {
        var buffer = new DriveBuffer(drives: 1, keepForReruns: true);
        for (var e = 0; e < 3; e++)
        {
            buffer.WasRequested(e);
            buffer.Add(0, e, new SpikeBatch([e], [e + 0.5]));
            buffer.Take(e);
        }
        buffer.ForgetBefore(2);
        Assert.False(buffer.IsComplete(1));
        Assert.Equal([2], buffer.Take(2).Gids); // a recovery to the checkpoint of epoch 2 can run it again
    }

    [Fact]
    public void ACheckpointCountsOnlyWhenEveryShardSnapshotArrived()
    {
        var checkpoints = new Checkpoints(enabled: true, every: 20);
        Assert.True(checkpoints.IsDue(0));
        Assert.False(checkpoints.IsDue(5));
        Assert.True(checkpoints.IsDue(40));
        checkpoints.Begin(40, SpikeBatch.Empty, recordedSpikes: 7);
        Assert.Null(checkpoints.Last);
        var snapshot = new PopulationSnapshot(1.0, 40, [], [], [], []);
        Assert.Equal(40, checkpoints.Complete([snapshot, snapshot]));
        Assert.Equal((40, 7, 2), (checkpoints.Last!.Epoch, checkpoints.Last.RecordedSpikes, checkpoints.Last.Shards.Length));
        Assert.Null(checkpoints.Complete([snapshot])); // nothing pending
        Assert.False(new Checkpoints(enabled: false, every: 20).IsDue(0));
    }

    [Fact]
    public void PlacementIsRoundRobinOverLiveWorkersAndReportsTheShardsOfALostOne()
    {
        var a = new Address("akka.tcp", "hnn", "127.0.0.1", 1);
        var b = new Address("akka.tcp", "hnn", "127.0.0.1", 2);
        var placement = new ShardPlacement([a, b], shards: 3);
        Assert.Equal([a, b, a], Enumerable.Range(0, 3).Select(placement.Place));
        Assert.Equal([a, b, a], Enumerable.Range(0, 3).Select(placement.AddressOf));
        Assert.Equal([0, 2], placement.Lose(a));
        Assert.True(placement.HasWorkers && !placement.IsLive(a) && placement.IsLive(b));
        Assert.Equal([a], placement.Lost);
        Assert.Equal(b, placement.Place(0));
        Assert.Equal(b, placement.AddressOf(0));
        var local = new ShardPlacement(null, shards: 1);
        Assert.False(local.IsDistributed);
        Assert.Null(local.Place(0));
        Assert.Null(local.AddressOf(0));
    }
}
