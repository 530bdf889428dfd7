using Hnn.Actors.Engine;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Host.Files;
using Hnn.Host.Plots;

namespace ReplayExample;

/// <summary>
/// HNN-core's tutorial "Replaying Spike Data as Input", step by step: simulate Network A, save
/// its spikes, read them back, replay the pyramidal cells' spikes into Network B through a
/// spike-train drive, simulate B, plot both rasters and check the drive. `hnn replay` runs this
/// same file (it is compiled into the host too).
/// </summary>
internal static class ReplayTutorial
{
    public static async Task<ReplayOutcome> RunAsync(string outDir, TextWriter log,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancel = default)
    {
        await using var simulator = Simulator.CreateLocal();

        // 1. Network A: the Jones 2009 column with one distal evoked drive, 170 ms.
        log.WriteLine("Creating and simulating Network A...");
        var netA = Jones2009.Create().AddEvokedDrive(
            "evdist1", mu: 63.5, sigma: 3.8, numspikes: 1, location: "distal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.006, ["L2_pyramidal"] = 0.0005, ["L5_pyramidal"] = 0.14 },
            weightsNmda: new Dictionary<string, double> { ["L2_basket"] = 0.019, ["L2_pyramidal"] = 0.004, ["L5_pyramidal"] = 0.08 },
            synapticDelays: new Dictionary<string, double> { ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_pyramidal"] = 0.1 },
            eventSeed: 274);
        var a = await simulator.SimulateDipoleAsync(netA, tstop: 170.0, progress: progress, cancellationToken: cancel);

        // 2. Save Network A's spikes as HNN-core does (one spk_<trial>.txt per trial).
        var dirA = Path.Combine(outDir, "net_A");
        RunWriter.Write(dirA, a);

        // 3. Read them back through the spike-file reader and keep the pyramidal cells' spikes,
        //    one replay source per cell, named NetA_<type>_GID<gid>.
        var spikes = SpikeFile.ReadTrials(Path.Combine(dirA, "spk_*.txt"))[0];
        log.WriteLine($"Extracted {spikes.Count} spikes from Network A");
        var sources = new Dictionary<string, List<double>>();
        foreach (var s in spikes.Where(s => s.Type is "L2_pyramidal" or "L5_pyramidal"))
        {
            var id = $"NetA_{s.Type}_GID{s.Gid}";
            if (!sources.TryGetValue(id, out var times)) sources[id] = times = [];
            times.Add(s.Time);
        }
        log.WriteLine($"Number of valid pyramidal cells with spikes to be used for input: {sources.Count}");

        // 4. Network B: a fresh column driven by those spike trains on the distal AMPA synapses.
        log.WriteLine("Creating and configuring Network B...");
        var netB = Jones2009.Create().AddSpikeTrainDrive(
            "drive_from_NetA",
            SpikeData.FromSources(sources.Select(kv => new KeyValuePair<string, IEnumerable<double>>(kv.Key, kv.Value))),
            location: "distal",
            weightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.005, ["L2_pyramidal"] = 0.003 },
            synapticDelays: 0.1, connSeed: 42);

        // 5. Simulate Network B for 225 ms and save its outputs.
        log.WriteLine("Simulating Network B...");
        var b = await simulator.SimulateDipoleAsync(netB, tstop: 225.0, progress: progress, cancellationToken: cancel);
        RunWriter.Write(Path.Combine(outDir, "net_B"), b);

        // 6. Plot both rasters, A above B on one time axis (each run's folder also has its own
        //    raster, dipole and spike histogram).
        static RasterPanel Panel(string title, SimulationResult r) =>
            new(title, r.Trials[0].SpikeTimes, r.Trials[0].SpikeGids, r.Trials[0].SpikeTypes);
        SpikeRasterPlot.Save(Path.Combine(outDir, "raster.png"), [Panel("Network A", a), Panel("Network B", b)], tstop: 225.0);

        // 7. Check the drive as the tutorial does.
        var drive = netB.DriveNamed("drive_from_NetA")!;
        var connections = netB.Connections.Count(c => c.SourceType == drive.Name);
        log.WriteLine("Verifying configuration:");
        log.WriteLine($"  Drive '{drive.Name}' created with {drive.NDriveCells} cells");
        log.WriteLine($"  GIDs assigned: {netB.RangeOf(drive.Name)}");
        log.WriteLine($"  Number of connections from drive: {connections}");
        return new ReplayOutcome(a, b, spikes.Count, sources.Count, drive.NDriveCells, netB.RangeOf(drive.Name), connections);
    }
}

/// <summary>What the tutorial produced: both runs and the numbers it prints.</summary>
internal sealed record ReplayOutcome(
    SimulationResult NetworkA, SimulationResult NetworkB, int SpikesExtracted, int PyramidalSources,
    int DriveCells, GidRange DriveGids, int DriveConnections);
