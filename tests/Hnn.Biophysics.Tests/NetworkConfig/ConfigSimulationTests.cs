using System.Text.Json.Nodes;
using Hnn.Biophysics.NetworkConfig;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>
/// Networks read from HNN-core's configuration files (mesh 5×5, 170 ms) against NEURON running the
/// same file in HNN-core v0.6.1 (tests/data/hnn_files/configs): per-type spike counts and the share of
/// spikes with the same gid and step (all of them).
/// </summary>
public sealed class ConfigSimulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("erp", "readback")]
    [InlineData("bias_conns", "readback")]
    // HNN-core cannot read a spike-train drive back; NEURON ran the network the file was written from.
    [InlineData("spike_train", "in_memory")]
    // The user's edit (soma gbar_km ×3) is what runs.
    [InlineData("edited_cell", "readback")]
    // HNN-core's re-write of a file `hnn convert` wrote, and NEURON's run of what HNN-core read.
    [InlineData("convert", "readback")]
    public void SimulatesLikeNeuron(string folder, string run)
    {
        var config = NetworkConfigFile.Read(ConfigFiles.Path(folder));
        foreach (var note in config.Notes) output.WriteLine($"note: {note}");
        Compare(config, folder, run);
    }

    /// <summary>
    /// apical_tuft's L edited 425 → 500 µm: nseg becomes 11 but the file still stores 9 and nine gbar_ar
    /// values. HNN-core silently gives the last two segments gbar_ar = 0; we refuse the file, and run
    /// the same cell once the file says so explicitly (nseg 11, the nine values then 0, 0).
    /// </summary>
    [Fact]
    public void EditedGeometryIsRefusedUntilExplicitThenRunsLikeNeuron()
    {
        var text = ConfigFiles.Text("edited_geometry");
        var e = Assert.Throws<NetworkConfigFileException>(() => NetworkConfigFile.Parse(text, "net.json"));
        output.WriteLine(e.Message);
        Assert.Equal("$.cell_types.L5_pyramidal.cell_object.sections.apical_tuft.nseg", e.JsonPath);
        Assert.Contains("allowed: 11", e.Message);

        var root = JsonNode.Parse(text)!;
        var tuft = root["cell_types"]!["L5_pyramidal"]!["cell_object"]!["sections"]!["apical_tuft"]!;
        tuft["nseg"] = 11;
        var values = tuft["mechs"]!["ar"]!["gbar_ar"]![1]!.AsArray().Select(v => v!.GetValue<double>()).Concat([0.0, 0.0]);
        var centres = Enumerable.Range(0, 11).Select(k => (2 * k + 1) * (1.0 / 22));
        tuft["mechs"]!["ar"]!["gbar_ar"] = new JsonArray(new JsonArray([.. centres.Select(x => (JsonNode)x)]), new JsonArray([.. values.Select(v => (JsonNode)v)]));
        var config = NetworkConfigFile.Parse(root.ToJsonString(), "explicit.json");
        Assert.False(config.HasBuiltInCells);
        Compare(config, "edited_geometry", "readback");
    }

    private void Compare(Hnn.Biophysics.NetworkConfig.NetworkConfig config, string folder, string run)
    {
        var result = new NetworkTrial(config.Network, 170.0, 0.025).Run();
        var reference = ReferenceSpikes.Read(ConfigFiles.Path(folder, Path.Combine(run, "spikes_trial0.csv")));
        var c = SpikeComparison.Of(reference, result.SpikeTimes.Select((t, i) => (t, result.SpikeGids[i], result.SpikeTypes[i])));
        output.WriteLine($"{folder}:\n{c}");
        Assert.True(c.CountsEqual, "per-type spike counts differ from NEURON's");
        // Every spike on NEURON's gid and step (measured: all of them, in all six files).
        Assert.True(c.OnlyOurs == 0 && c.OnlyReference == 0, $"{c.OnlyReference} of NEURON's spikes and {c.OnlyOurs} of ours have no partner with the same gid and step");
    }
}
