using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Drives;

/// <summary>Drive construction and event rules of docs/dev/drives.md §3–§6 beyond the reference folders.</summary>
public class DriveBehaviourTests
{
    private static readonly Dictionary<string, double> Dist3 = new() { ["L2_basket"] = 0.01, ["L2_pyramidal"] = 0.01, ["L5_pyramidal"] = 0.01 };

    [Fact]
    public void BurstyAndPoissonDrives_EventTimes_MatchSpecVectors()
    {
        // docs/dev/drives.md §6.3 (upstream test_network_drives): bursty1 and poisson1, trial 0.
        var net = Jones2009.Create()
            .AddBurstyDrive("bursty1", burstRate: 100, location: "distal", tstart: 10, tstartStd: 0.5, tstop: 30, burstStd: 0,
                numspikes: 2, spikeIsi: 1, nDriveCells: 10, weightsAmpa: Dist3, eventSeed: 4)
            .AddPoissonDrive("poisson1", rateConstant: 50, location: "distal", tstart: 10, tstop: 30, weightsAmpa: Dist3, eventSeed: 4);
        var events = DriveEvents.Generate(net, 0, 170.0);
        double[] burst = [9.52528085357147, 10.52528085357147, 19.52528085357147, 20.52528085357147];
        Assert.All(events[0].ByCell, cell => Assert.Equal(burst, cell));
        Assert.Empty(events[1].ByCell[0]);
        Assert.Equal([15.020399546453051], events[1].ByCell[1]);
        Assert.Empty(events[1].ByCell[2]);
        Assert.Equal(235, net.Drives[1].NDriveCells);
    }

    [Fact]
    public void TrialsUseSeedOffsetByTotalGids()
    {
        var net = Jones2009.Create().AddEvokedDrive("evdist1", mu: 63.5, sigma: 3.8, numspikes: 1, location: "distal",
            weightsAmpa: Dist3, eventSeed: 274);
        Assert.Equal(505, net.TotalGids);
        var t0 = DriveEvents.Generate(net, 0, 170)[0];
        var t1 = DriveEvents.Generate(net, 1, 170)[0];
        // docs/dev/drives.md §6.3, seed example Network A.
        Assert.Equal([66.23894452685116, 69.40747343520492, 63.529510661299746, 55.716524173783334, 70.00968452290947],
            t0.ByCell.Take(5).Select(c => c[0]));
        Assert.Equal(66.26491838832493, t0.ByCell[234][0]);
        Assert.Equal([65.40688094435113, 66.36524726633887, 66.7370321438142], t1.ByCell.Take(3).Select(c => c[0]));
    }

    [Fact]
    public void CellSpecificDriveCellsFollowCellTypeOrder()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        var evprox1 = net.Connections.Where(c => c.SourceType == "evprox1").ToList();
        Assert.Equal(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"], evprox1.Select(c => c.TargetType));
        Assert.Equal((505, 0), (evprox1[0].Pairs[0].Source, evprox1[0].Pairs[0].Targets[0]));
        Assert.Equal((675, 170), (evprox1[3].Pairs[0].Source, evprox1[3].Pairs[0].Targets[0]));
        Assert.Equal(Enumerable.Range(505, 270), evprox1.SelectMany(c => c.SourceGids).Order());
    }

    [Fact]
    public void AmpaAndNmdaKeepTheSamePairsUnderProbability()
    {
        var w = new Dictionary<string, double> { ["L2_pyramidal"] = 0.01 };
        var net = Jones2009.Create().AddBurstyDrive("b", burstRate: 10, location: "proximal", nDriveCells: 10,
            weightsAmpa: w, weightsNmda: w, probability: 0.5, connSeed: 5);
        var (ampa, nmda) = (net.Connections[16], net.Connections[17]);
        Assert.Equal(500, ampa.PairCount);
        Assert.Equal(ampa.Pairs.SelectMany(p => p.Targets.Select(t => (p.Source, t))), nmda.Pairs.SelectMany(p => p.Targets.Select(t => (p.Source, t))));
    }

    [Fact]
    public void BurstyDrive_EventCount_FollowsTheBurstCountFormula()
    {
        // numspikes·(1 + (tstop − tstart − 1) // (1000/burst_rate)) = 4 for tstart 10, tstop 30, 100 Hz.
        var net = Jones2009.Create().AddBurstyDrive("b", burstRate: 100, location: "distal", tstart: 10, tstop: 30, numspikes: 2,
            spikeIsi: 1, weightsAmpa: Dist3);
        Assert.Equal(4, DriveEvents.Generate(net, 0, 170)[0].EventCount);
    }

    [Fact]
    public void LegacyModeTargetsEveryTypeWithZeroWeights()
    {
        var net = Jones2009.Create(legacyMode: true).AddEvokedDrive("ev", mu: 10, sigma: 1, numspikes: 1, location: "distal",
            weightsAmpa: new Dictionary<string, double> { ["L2_pyramidal"] = 0.1 });
        Assert.Equal(270, net.Drives[0].NDriveCells);
        var entries = net.Connections.Skip(16).Select(c => (c.TargetType, c.Weight, c.Delay)).ToArray();
        Assert.Equal([("L2_basket", 0.0, 0.1), ("L2_pyramidal", 0.1, 0.1), ("L5_basket", 0.0, 0.1), ("L5_pyramidal", 0.0, 0.1)], entries);
        // L5_basket's distal group is empty: a connection without NetCons.
        Assert.Empty(NetConResolver.Resolve(net, 18));
    }

    [Fact]
    public void SectionLocationAndNmdaOnlyDrives()
    {
        var pyr = new Dictionary<string, double> { ["L2_pyramidal"] = 0.01, ["L5_pyramidal"] = 0.01 };
        var net = Jones2009.Create().AddEvokedDrive("tuft", mu: 10, sigma: 1, numspikes: 1, location: "apical_tuft", weightsNmda: pyr);
        Assert.Equal(2, net.Connections.Count - 16);
        Assert.All(NetConResolver.Resolve(net, 16), n => Assert.Equal(("apical_tuft", "nmda"), (n.Section, n.Receptor)));
    }

    [Fact]
    public void PoissonRatesPerTypeAndLegacyMissingRates()
    {
        var w = new Dictionary<string, double> { ["L2_basket"] = 0.01, ["L5_basket"] = 0.01 };
        var net = Jones2009.Create().AddPoissonDrive("p", rateConstant: new Dictionary<string, double> { ["L2_basket"] = 100, ["L5_basket"] = 1e-9 },
            location: "proximal", tstop: 170, weightsAmpa: w);
        var ev = DriveEvents.Generate(net, 0, 170)[0];
        Assert.True(ev.ByCell.Take(35).Sum(c => c.Length) > 300, "L2 basket drive cells at 100 Hz");
        Assert.Equal(0, ev.ByCell.Skip(35).Sum(c => c.Length));
        var legacy = Jones2009.Create(legacyMode: true).AddPoissonDrive("p", rateConstant: new Dictionary<string, double> { ["L2_basket"] = 100 },
            location: "proximal", tstop: 170, weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.01 });
        var lev = DriveEvents.Generate(legacy, 0, 170)[0];
        Assert.Equal(270, lev.ByCell.Count);
        Assert.Equal(0, lev.ByCell.Skip(35).Sum(c => c.Length));
    }

    [Fact]
    public void SpikeTrainDrive_AcceptsEachHnnCoreSpikeDataFormat()
    {
        var w = new Dictionary<string, double> { ["L2_pyramidal"] = 0.01 };
        // Format 2: gids {3, 7, 10} renumbered 0, 1, 2; times sorted per source (docs/dev/drives.md §4.4 example).
        var net = Jones2009.Create().AddSpikeTrainDrive("tuples", SpikeData.FromEvents([(5, 10), (7, 3), (9, 10), (300, 3), (1, 7)]), "distal", weightsAmpa: w);
        var ev = DriveEvents.Generate(net, 0, 170)[0];
        Assert.Equal([[7.0, 300.0], [1.0], [5.0, 9.0]], ev.ByCell);
        Assert.Empty(((SpikeTrainDrive)net.Drives[0]).SourceToGidMap);
        // gids already 0…n−1 are kept.
        var kept = Jones2009.Create().AddSpikeTrainDrive("t", SpikeData.FromEvents([(5, 1), (7, 0)]), "distal", weightsAmpa: w);
        Assert.Equal([[7.0], [5.0]], DriveEvents.Generate(kept, 0, 170)[0].ByCell);
        // Format 1: insertion order, unsorted times sorted.
        var dict = Jones2009.Create().AddSpikeTrainDrive("d", SpikeData.FromSources([new("b", [20.0, 10.0]), new("a", [5.0])]), "distal", weightsAmpa: w);
        Assert.Equal(new Dictionary<string, int> { ["b"] = 0, ["a"] = 1 }, ((SpikeTrainDrive)dict.Drives[0]).SourceToGidMap);
        Assert.Equal([[10.0, 20.0], [5.0]], DriveEvents.Generate(dict, 3, 170)[0].ByCell);
        Assert.Equal(0, dict.Drives[0].EventSeed);
        Assert.False(dict.Drives[0].CellSpecific);
    }

    [Fact]
    public void CellSpecificProbabilityDictKeepsRoundedPairsPerType()
    {
        // test_drives.py: cell-specific drive with a probability per type keeps round_half_even(n·p) drive cells per type.
        var w = new Dictionary<string, double> { ["L2_basket"] = 0.01, ["L5_pyramidal"] = 0.01 };
        var net = Jones2009.Create().AddEvokedDrive("ev", mu: 10, sigma: 1, numspikes: 1, location: "proximal", weightsAmpa: w,
            probability: new Dictionary<string, double> { ["L2_basket"] = 0.5, ["L5_pyramidal"] = 0.25 });
        Assert.Equal([18, 25], net.Connections.Skip(16).Select(c => c.PairCount));   // 17.5 → 18, 25
        Assert.Equal([35, 100], net.Connections.Skip(16).Select(c => c.SourceGids.Count));
        // Pruning never shifts event streams: every drive cell still gets its events.
        Assert.All(DriveEvents.Generate(net, 0, 170)[0].ByCell, c => Assert.Single(c));
    }

    [Fact]
    public void SameSeedSameEventsAndTrialsDiffer()
    {
        var a = Jones2009.Create().AddEvokedDrive("a", mu: 20, sigma: 3, numspikes: 2, location: "distal", weightsAmpa: Dist3, eventSeed: 7);
        var both = a.AddEvokedDrive("b", mu: 20, sigma: 3, numspikes: 2, location: "distal", weightsAmpa: Dist3, eventSeed: 7);
        var ev = DriveEvents.Generate(both, 0, 170);
        Assert.Equal(ev[0].ByCell, ev[1].ByCell);
        Assert.NotEqual(ev[0].ByCell, DriveEvents.Generate(both, 1, 170)[0].ByCell);
    }

    [Fact]
    public void TonicBiasesAreStored()
    {
        var net = Jones2009.Create().AddTonicBias(new Dictionary<string, double> { ["L2_pyramidal"] = 1.0, ["L5_basket"] = -0.5 }, t0: 5, tstop: 50);
        Assert.Equal([("tonic", "L2_pyramidal", 1.0, 5.0, (double?)50.0, "soma"), ("tonic", "L5_basket", -0.5, 5.0, (double?)50.0, "soma")],
            net.TonicBiases.Select(b => (b.Name, b.CellType, b.Amplitude, b.T0, b.TStop, b.Section)));
        var open = Jones2009.Create().AddTonicBias(new Dictionary<string, double> { ["L2_basket"] = 1.0 });
        Assert.Equal(170.0, open.TonicBiases[0].EndTime(170.0));
    }
}
