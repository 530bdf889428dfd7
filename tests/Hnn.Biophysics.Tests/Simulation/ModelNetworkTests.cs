using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// HNN-core's law_2021_model and calcium_model against HNN-core v0.6.1 on NEURON (tests/data/models, made
/// by its run_models.py): every spike on the same gid and step, and the dipole (agg, L2, L5 in nAm, what
/// simulate_dipole returns) with NRMSE ≤ 1e-9 of its range.
/// </summary>
public sealed class ModelNetworkTests(ITestOutputHelper output)
{
    private const double NrmseTolerance = 1e-9;

    [Fact]
    public void Law2021BetaExampleMatchesNeuron() =>
        Compare(ExperimentReader.ReadFile(TestData.Example("law_2021_beta.json")), "law_2021_beta_erp", 400.0);

    [Fact]
    public void Law2021WithErpDrivesMatchesNeuron() => Compare(ErpWith("law_2021_model"), "law_2021_erp", 170.0);

    [Fact]
    public void CalciumModelWithErpDrivesMatchesNeuron() =>
        Compare(ExperimentReader.ReadFile(TestData.Example("calcium_erp.json")), "calcium_erp", 170.0);

    private static ExperimentSpec ErpWith(string model)
    {
        var erp = ExperimentReader.ReadFile(TestData.Example("erp.json"));
        return erp with { Network = erp.Network with { Model = model } };
    }

    private void Compare(ExperimentSpec spec, string reference, double tstop)
    {
        Assert.Equal(tstop, spec.TStop);
        var net = ExperimentBuilder.BuildNetwork(spec);
        var result = new NetworkTrial(net, spec.TStop, spec.Dt).Run();

        var spikes = SpikeComparison.Of(ReferenceSpikes.ReadData("models", reference, "spikes_trial0.csv"),
            result.SpikeTimes.Select((t, i) => (t, result.SpikeGids[i], result.SpikeTypes[i])));
        output.WriteLine($"{reference}:\n{spikes}");
        Assert.True(spikes.CountsEqual, "per-type spike counts differ from NEURON's");
        Assert.Equal(0, spikes.OnlyOurs);
        Assert.Equal(0, spikes.OnlyReference);

        var dipole = Dipole.FromRaw(result, net.MeshShape);
        var expected = Csv.ReadData("models", reference, "dipole_trial0.csv.gz").NumericColumns();
        foreach (var key in new[] { "agg", "L2", "L5" })
        {
            var a = expected[key];
            var b = dipole[key];
            Assert.Equal(a.Length, b.Length);
            var rms = Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Average());
            var nrmse = rms / (a.Max() - a.Min());
            output.WriteLine($"dipole {key}: NRMSE {nrmse:E2} (range {a.Max() - a.Min():G4} nAm)");
            Assert.True(nrmse <= NrmseTolerance, $"{reference} dipole {key}: NRMSE {nrmse:E3} > {NrmseTolerance}");
        }
    }
}
