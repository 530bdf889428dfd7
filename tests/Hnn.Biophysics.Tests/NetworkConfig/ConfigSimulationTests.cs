using Hnn.Biophysics.NetworkConfig;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>
/// Networks read from HNN-core's configuration files (mesh 5×5, 170 ms) against NEURON running the
/// same file in HNN-core v0.6.1 (tests/data/hnn_files/configs): per-type spike counts and the share of
/// spikes with the same gid and step.
/// </summary>
public sealed class ConfigSimulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("erp", "readback")]
    [InlineData("bias_conns", "readback")]
    // HNN-core cannot read a spike-train drive back; NEURON ran the network the file was written from.
    [InlineData("spike_train", "in_memory")]
    public void SimulatesLikeNeuron(string folder, string run)
    {
        var config = NetworkConfigFile.Read(ConfigFiles.Path(folder));
        foreach (var note in config.Notes) output.WriteLine($"note: {note}");
        Compare(config, folder, run);
    }

    private void Compare(Hnn.Biophysics.NetworkConfig.NetworkConfig config, string folder, string run)
    {
        var result = new NetworkTrial(config.Network, 170.0, 0.025).Run();
        var reference = ReferenceSpikes.Read(ConfigFiles.Path(folder, Path.Combine(run, "spikes_trial0.csv")));
        var ours = result.SpikeTimes.Select((t, i) => (Time: t, Gid: result.SpikeGids[i], Type: result.SpikeTypes[i])).ToList();
        var key = (double t, int g) => (g, (long)Math.Round(t / 0.025));
        var refKeys = reference.Select(r => key(r.Time, r.Gid)).ToHashSet();
        var ourKeys = ours.Select(s => key(s.Time, s.Gid)).ToHashSet();
        foreach (var type in reference.Select(r => r.Type).Concat(ours.Select(s => s.Type)).Distinct())
            output.WriteLine($"{type}: {ours.Count(s => s.Type == type)} spikes (NEURON {reference.Count(r => r.Type == type)})");
        var onlyOurs = ourKeys.Count(k => !refKeys.Contains(k));
        var onlyNeuron = refKeys.Count(k => !ourKeys.Contains(k));
        output.WriteLine($"{folder}: {ours.Count} vs {reference.Count} spikes; only ours {onlyOurs}, only NEURON {onlyNeuron}");
        foreach (var type in reference.Select(r => r.Type).Distinct())
            Assert.Equal(reference.Count(r => r.Type == type), ours.Count(s => s.Type == type));
        var share = (double)(reference.Count - onlyNeuron) / reference.Count;
        Assert.True(share >= 0.99, $"only {100 * share:F2}% of NEURON's spikes share gid and step with ours");
    }
}
