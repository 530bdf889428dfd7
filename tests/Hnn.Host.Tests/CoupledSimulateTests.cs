using System.Text.Json;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using ReplayExample;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn simulate` on a coupled experiment file writes one run folder per network, the rasters one
/// above another and a summary, with exactly the library's results; a projection the run cannot
/// hold is one clean line; `hnn replay --live`'s tutorial writes the offline tutorial's folders.
/// </summary>
public sealed class CoupledSimulateTests(ITestOutputHelper output)
{
    private const string Coupled = """
        {"networks": {"A": {"model": "jones_2009_model", "mesh_shape": [3, 3],
                            "drives": [{"type": "evoked", "name": "evdist1", "mu": 20, "sigma": 3.8, "numspikes": 1, "location": "distal",
                                        "weights_ampa": {"L2_basket": 0.006, "L2_pyramidal": 0.0005, "L5_pyramidal": 0.14},
                                        "weights_nmda": {"L2_basket": 0.019, "L2_pyramidal": 0.004, "L5_pyramidal": 0.08}, "event_seed": 274}]},
                      "B": {"model": "jones_2009_model", "mesh_shape": [3, 3]}},
         "projections": [{"name": "A_to_B", "from": "A", "source_types": ["L2_pyramidal", "L5_pyramidal"], "to": "B", "location": "distal",
                          "weights_ampa": {"L5_pyramidal": 0.05, "L2_pyramidal": 0.03}, "synaptic_delays": 0.1, "conn_seed": 42}],
         "tstop": 60, "dt": 0.025}
        """;

    [Fact]
    public async Task ACoupledFileWritesEachNetworksFolderAsTheLibraryRunsIt()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "coupled.json");
        File.WriteAllText(file, Coupled);
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("simulate", file, "--out", outDir, "--shards", "1");
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var f in new[] { "A/spk_0.txt", "A/dipole_0.txt", "A/summary.json", "A/raster.png", "B/spk_0.txt", "B/dipole_0.csv", "raster.png", "summary.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing");
        Assert.Equal(["A", "B", "raster.png", "summary.json"], Directory.GetFileSystemEntries(outDir).Select(p => Path.GetFileName(p)!).Order().ToArray());

        // B's spike file is the library's coupled run of the same spec, written the same way.
        var spec = CoupledExperimentReader.ReadFile(file);
        var multi = CoupledExperimentBuilder.Build(spec);
        MultiNetworkResult expected;
        await using (var simulator = Simulator.CreateLocal(new SimulatorOptions(ShardsPerType: 1)))
            expected = await simulator.SimulateAsync(multi, spec.TStop, spec.Dt, spec.NTrials);
        var b = expected["B"];
        var text = new StringWriter();
        SpikeFile.Write(text, b.CellResponse.Entries(0));
        var drive = b.CellResponse.CountsByType(0).GetValueOrDefault("A_to_B");
        Assert.True(drive > 0 && b.CellResponse.CountsByType(0).GetValueOrDefault("L5_pyramidal") > 0, "A's spikes reach B and B fires");
        Assert.Equal(text.ToString(), File.ReadAllText(Path.Combine(outDir, "B", "spk_0.txt")));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var networks = summary.RootElement.GetProperty("networks");
        Assert.Equal(["A", "B"], networks.EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(b.CellResponse.SpikeTimes[0].Length, networks[1].GetProperty("spike_counts")[0].EnumerateObject().Sum(p => p.Value.GetInt32()));
        var projection = summary.RootElement.GetProperty("projections")[0];
        Assert.Equal(("A_to_B", 18, drive), (projection.GetProperty("name").GetString(), projection.GetProperty("sources").GetInt32(), projection.GetProperty("spikes")[0].GetInt32()));
    }

    [Fact]
    public void AProjectionDelayShorterThanDtIsOneLineNamingIt()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "coupled.json");
        File.WriteAllText(file, Coupled.Replace("\"synaptic_delays\": 0.1", "\"synaptic_delays\": 0.01"));
        var r = HnnProcess.Run("simulate", file, "--out", Path.Combine(dir, "out"));
        output.WriteLine(r.Stderr);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hnn simulate: {file}: projection 'A_to_B' is invalid: its shortest delay (0.01 ms) is shorter than dt (0.025 ms)", line);
        Assert.DoesNotContain("Parameter", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void AnUnknownNetworkInAProjectionNamesItsPath()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "coupled.json");
        File.WriteAllText(file, Coupled.Replace("\"to\": \"B\"", "\"to\": \"C\""));
        var r = HnnProcess.Run("simulate", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"hnn simulate: {file}: $.projections[0].to: \"C\" is not allowed: no network of that name; allowed: \"A\", \"B\"", r.Stderr.Trim());
    }

    [Fact]
    public async Task TheLiveTutorialWritesTheOfflineTutorialsFolders()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "live");
        Directory.CreateDirectory(dir);
        var log = new StringWriter();
        var outcome = await LiveReplayTutorial.RunAsync(dir, log, mesh: new MeshShape(3, 3), tstop: 80);
        output.WriteLine(log.ToString());
        foreach (var f in new[] { "net_A/spk_0.txt", "net_A/dipole_0.txt", "net_A/raster.png", "net_B/spk_0.txt", "net_B/summary.json", "raster.png", "summary.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), $"{f} missing");
        Assert.Contains("Drive 'A_to_B' created with 18 cells (every pyramidal cell of Network A)", log.ToString());
        Assert.Contains($"Network A fired {outcome.NetworkA.CellResponse.SpikeTimes[0].Length} spikes", log.ToString());
        Assert.Equal(18, outcome.DriveCells);
        // Every pyramidal spike of A arrives in B as a drive spike.
        Assert.True(outcome.PyramidalSpikes > 0);
        Assert.Equal(outcome.PyramidalSpikes, outcome.NetworkB.CellResponse.CountsByType(0).GetValueOrDefault(LiveReplayTutorial.Projection));
    }
}
