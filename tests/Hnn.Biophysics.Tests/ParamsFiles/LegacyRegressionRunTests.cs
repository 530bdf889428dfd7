using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.ParamsFiles;

/// <summary>
/// HNN-core's regression run from our side: default.json, legacy mode, 10×10, 170 ms, against the
/// same run on NEURON (tests/data/hnn_files/regression): spikes per type equal, share of spikes with
/// the same gid and step, and the raw dipole's normalised RMS error.
/// </summary>
public sealed class LegacyRegressionRunTests(ITestOutputHelper output)
{
    [Fact]
    public void LegacyDefaultJsonRunMatchesNeuron()
    {
        var net = ParamsReference.Network("default.json", legacy: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new NetworkTrial(net, 170.0, 0.025).Run();
        output.WriteLine($"build + simulate on one thread: {clock.Elapsed.TotalSeconds:F2} s");

        var reference = ReferenceSpikes.Read(ParamsReference.File("spikes_trial0.csv"));
        var ours = result.SpikeTimes.Select((t, i) => (Time: t, Gid: result.SpikeGids[i], Type: result.SpikeTypes[i])).ToList();
        var types = reference.Select(r => r.Type).Concat(ours.Select(s => s.Type)).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (var type in types)
            output.WriteLine($"{type}: {ours.Count(s => s.Type == type)} spikes (NEURON {reference.Count(r => r.Type == type)})");
        var key = (double t, int g) => (g, (long)Math.Round(t / 0.025));
        var refKeys = reference.Select(r => key(r.Time, r.Gid)).ToHashSet();
        var same = ours.Count(s => refKeys.Contains(key(s.Time, s.Gid)));
        var share = (double)same / reference.Count;
        var (nrmse, peak) = DipoleError(result);
        output.WriteLine($"spikes: {ours.Count} vs {reference.Count}; same gid and step: {same} ({100 * share:F2}%); raw dipole NRMSE {nrmse:E2} (peak {peak:F0} fAm)");

        foreach (var type in types)
            Assert.Equal(reference.Count(r => r.Type == type), ours.Count(s => s.Type == type));
        Assert.True(share >= 0.99, $"only {100 * share:F2}% of spikes share gid and step with NEURON");
        Assert.True(nrmse <= 0.01, $"raw dipole NRMSE {100 * nrmse:F3}% > 1%");
    }

    private static (double Nrmse, double Peak) DipoleError(TrialResult result)
    {
        var agg = Csv.Read(ParamsReference.File("dipole_neuron_raw_fAm_trial0.csv")).Doubles("agg");
        var ours = result.RawDipoles.Values.Aggregate(new double[result.Times.Length], (acc, d) => acc.Zip(d, (a, b) => a + b).ToArray());
        Assert.Equal(agg.Length, ours.Length);
        var rms = Math.Sqrt(agg.Zip(ours, (a, b) => (a - b) * (a - b)).Average());
        return (rms / (agg.Max() - agg.Min()), agg.Max(Math.Abs));
    }
}
