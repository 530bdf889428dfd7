using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// The small parts of the epoch protocol (docs/dev/epoch-protocol.md), each alone: the epoch
/// length and drive horizons of <see cref="EpochPlan"/>, the cut of <see cref="DriveSchedule"/>,
/// and the per-shard filter of <see cref="SpikeRouter"/>.
/// </summary>
public sealed class EpochPartsTests
{
    private static readonly NetworkSpec Erp = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));

    private static EpochPlan PlanFor(NetworkSpec net, double tstop, double dt) =>
        EpochPlan.For(net, TimeGrid.Create(tstop, dt));

    [Fact]
    public void EpochLengthIsTheShortestCellToCellDelayInWholeSteps()
    {
        var plan = PlanFor(Erp, 170.0, 0.025);
        Assert.Equal(1.0, plan.MinDelay);  // Jones 2009: every cell-to-cell NetCon has delay 1 ms
        Assert.Equal(40, plan.StepsPerEpoch);
        Assert.Equal(170, plan.EpochCount);
        var odd = PlanFor(Erp, 10.0, 0.3); // floor(1/0.3) = 3 steps; 33 steps → 11 epochs
        Assert.Equal(3, odd.StepsPerEpoch);
        Assert.Equal(11, odd.EpochCount);
        Assert.Equal(odd.TotalSteps - 10 * 3, odd.StepsIn(10));
    }

    [Fact]
    public void ADtLongerThanTheShortestDelayIsRefusedNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => PlanFor(Erp, 10.0, 1.5));
        Assert.Contains("the smallest cell-to-cell delay (1 ms) is shorter than dt (1.5 ms)", e.Message);
    }

    [Fact]
    public void DriveHorizonIsEachEpochsEndTimeAndTheLastEpochTakesTheRest()
    {
        var plan = PlanFor(Erp, 2.5, 0.025); // 100 steps, epochs of 40: 0–1, 1–2, 2–2.5 ms
        Assert.Equal(3, plan.EpochCount);
        Assert.Equal(plan.Grid.Times[40], plan.DriveHorizon(0));
        Assert.Equal(plan.Grid.Times[80], plan.DriveHorizon(1));
        Assert.Equal(double.PositiveInfinity, plan.DriveHorizon(2));
        Assert.Equal(plan.Grid.Times[80], plan.StartTime(2));
        Assert.Equal(plan.Grid.EndTime, plan.EndTime(2));
    }

    [Fact]
    public void DriveScheduleHandsOutEachSpikeOnceStrictlyBeforeTheHorizon()
    {
        var spikes = new SpikeBatch([5, 6, 7, 8], [0.5, 1.0, 1.0000001, 2.4]);
        var schedule = new DriveSchedule(spikes);
        Assert.Equal([5], schedule.TakeBefore(1.0).Gids);           // 1.0 is not before 1.0
        Assert.Equal([6, 7], schedule.TakeBefore(2.0).Gids);
        Assert.Empty(schedule.TakeBefore(2.0).Gids);                  // nothing twice
        Assert.Equal([8], schedule.TakeBefore(double.PositiveInfinity).Gids);
    }

    [Fact]
    public void RouterSendsEachShardOnlyTheSourcesThatReachItInTheirOrder()
    {
        var router = new SpikeRouter(totalGids: 10, shards: 2);
        router.Learn(0, [1, 3]);
        Assert.False(router.IsComplete);
        router.Learn(1, [3, 9]);
        router.Learn(1, [0]); // a re-placed shard reporting again changes nothing
        Assert.True(router.IsComplete);
        var inbound = new SpikeBatch([9, 3, 1, 0, 3], [0.1, 0.2, 0.3, 0.4, 0.5]);
        var a = router.For(0, inbound);
        var b = router.For(1, inbound);
        Assert.Equal([3, 1, 3], a.Gids);
        Assert.Equal([0.2, 0.3, 0.5], a.Times);
        Assert.Equal([9, 3, 3], b.Gids);
        Assert.Same(SpikeBatch.Empty, router.For(0, new SpikeBatch([0, 9], [1.0, 2.0])));
    }

    [Fact]
    public void RouterRefusesAShardThatHasNotReportedItsSources()
    {
        var router = new SpikeRouter(4, 2);
        router.Learn(0, [1]);
        Assert.Contains("shard 1 has not reported", Assert.Throws<InvalidOperationException>(() => router.For(1, SpikeBatch.Empty)).Message);
    }
}
