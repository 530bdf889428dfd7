using System.Diagnostics;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Host.Files;

namespace ReplayExample;

/// <summary>
/// The replay tutorial as one coupled run: Network A (the tutorial's, with its evdist1 drive) and a bare
/// Network B simulated together, A's pyramidal spikes reaching B's distal AMPA synapses while both run,
/// instead of being saved, read back and replayed. B gets exactly what the offline replay of A's
/// full-precision spike times would give it. `hnn replay --live` runs this file (compiled into the host).
/// </summary>
internal static class LiveReplayTutorial
{
    public const string Projection = "A_to_B";

    /// <summary>The two networks and the projection between them.</summary>
    public static MultiNetworkSpec Spec(MeshShape? mesh = null)
    {
        var netA = Jones2009.Create(mesh).AddEvokedDrive(
            "evdist1", mu: 63.5, sigma: 3.8, numspikes: 1, location: "distal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.006, ["L2_pyramidal"] = 0.0005, ["L5_pyramidal"] = 0.14 },
            weightsNmda: new Dictionary<string, double> { ["L2_basket"] = 0.019, ["L2_pyramidal"] = 0.004, ["L5_pyramidal"] = 0.08 },
            synapticDelays: new Dictionary<string, double> { ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_pyramidal"] = 0.1 },
            eventSeed: 274);
        return new MultiNetworkSpec()
            .AddNetwork("A", netA)
            .AddNetwork("B", Jones2009.Create(mesh))
            .AddProjection(Projection, from: "A", sourceTypes: ["L2_pyramidal", "L5_pyramidal"], to: "B", location: "distal",
                weightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.005, ["L2_pyramidal"] = 0.003 },
                synapticDelays: 0.1, connSeed: 42);
    }

    /// <param name="outDir">Gets net_A/ and net_B/ (as the offline tutorial's), raster.png (A above B) and summary.json.</param>
    /// <param name="mesh">The tutorial's 10 × 10 unless given (tests run a smaller one).</param>
    public static async Task<LiveReplayOutcome> RunAsync(string outDir, TextWriter log,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancel = default, MeshShape? mesh = null, double tstop = 225.0)
    {
        await using var simulator = Simulator.CreateLocal();

        // 1. Both networks and the projection: every pyramidal cell of A is a source of B's drive "A_to_B".
        log.WriteLine("Creating Network A, Network B and the projection A_to_B...");
        var spec = Spec(mesh);

        // 2. Simulate them together: A's spikes cross to B at each epoch's end, as they are fired.
        log.WriteLine("Simulating Networks A and B together...");
        var clock = Stopwatch.StartNew();
        var result = await simulator.SimulateAsync(spec, tstop, progress: progress, cancellationToken: cancel);
        var wall = clock.Elapsed;

        // 3. Save each network's outputs as a single run does, the rasters A above B, and a summary.
        CoupledRunWriter.WriteInto(outDir, spec, result, 0.025, null, wall, cancel, name => $"net_{name}");

        // 4. What the offline tutorial prints, where it still applies.
        var a = result["A"].Trials[0];
        var pyramidal = a.SpikeTypes.Count(t => t is "L2_pyramidal" or "L5_pyramidal");
        var firing = a.SpikeGids.Where((_, i) => a.SpikeTypes[i] is "L2_pyramidal" or "L5_pyramidal").Distinct().Count();
        log.WriteLine($"Network A fired {a.SpikeTimes.Length} spikes, {pyramidal} of them from pyramidal cells");
        log.WriteLine($"Number of pyramidal cells with spikes (sent to Network B as they fire): {firing}");
        var netB = spec["B"];
        var drive = netB.DriveNamed(Projection)!;
        var connections = netB.Connections.Count(c => c.SourceType == drive.Name);
        log.WriteLine("Verifying configuration:");
        log.WriteLine($"  Drive '{drive.Name}' created with {drive.NDriveCells} cells (every pyramidal cell of Network A)");
        log.WriteLine($"  GIDs assigned: {netB.RangeOf(drive.Name)}");
        log.WriteLine($"  Number of connections from drive: {connections}");
        log.WriteLine($"  Spikes carried to Network B: {result["B"].Trials[0].SpikeTypes.Count(t => t == Projection)}");
        return new LiveReplayOutcome(result["A"], result["B"], pyramidal, firing, drive.NDriveCells, netB.RangeOf(drive.Name), connections, wall);
    }
}

/// <summary>What the live tutorial produced: both runs and the numbers it prints.</summary>
internal sealed record LiveReplayOutcome(
    SimulationResult NetworkA, SimulationResult NetworkB, int PyramidalSpikes, int PyramidalCellsFiring,
    int DriveCells, GidRange DriveGids, int DriveConnections, TimeSpan Wall);
