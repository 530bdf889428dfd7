using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>
/// The example target examples/data/erp_target.txt against the NEURON ERP run it was made from
/// (examples/data/README.md): through the dipole_rmse summary, as a batch job would compute it.
/// </summary>
public sealed class ErpTargetTests(ITestOutputHelper output)
{
    private static readonly string Examples = Path.GetDirectoryName(TestData.Example("erp.json"))!;

    // NEURON's raw per-type sums (fA·m) of the ERP run, post-processed as every trial is.
    private static Dipole NeuronErpDipole(double shiftMs = 0.0)
    {
        var raw = Csv.ReadData("erp_run", "dipole_neuron_raw_fAm.csv.gz");
        var times = raw.Doubles("time").Select(t => t + shiftMs).ToArray();
        var trial = new TrialResult(0, raw.Doubles("time"),
            new Dictionary<string, double[]> { ["L2_pyramidal"] = raw.Doubles("L2"), ["L5_pyramidal"] = raw.Doubles("L5") }, [], [], []);
        var d = Dipole.FromRaw(trial, new MeshShape(10, 10));
        return new Dipole(times, d.Order.ToDictionary(k => k, k => d[k]));
    }

    private static SummarySpec RmseSummary()
    {
        using var doc = JsonDocument.Parse("""[{"dipole_rmse": {"target": "data/erp_target.txt", "smooth": 30, "scale": 3000}}]""");
        return Assert.Single(SummarySpec.ParseList(doc.RootElement, "$.summaries", Examples));
    }

    [Fact]
    public void TheNeuronErpFitsItsTargetAndAShiftedOneDoesNot()
    {
        var summary = RmseSummary();
        var target = Dipole.Read(Path.Combine(Examples, "data", "erp_target.txt"));
        var targetRms = Math.Sqrt(target[Dipole.Agg].Average(v => v * v));
        double Rmse(Dipole d) => summary.Compute(new SummaryInput([], [d], []))[0];

        var erp = NeuronErpDipole();
        var before = erp[Dipole.Agg].ToArray();
        var fit = Rmse(erp);
        Assert.Equal(before, erp[Dipole.Agg]); // the summary scales and smooths copies
        var shifted = Rmse(NeuronErpDipole(5.0));
        output.WriteLine($"target: {target.Times.Length} samples, rms {targetRms:F4} nAm·3000");
        output.WriteLine($"NEURON ERP: rmse {fit:R} ({fit / targetRms:P3} of the target's rms); shifted by 5 ms: {shifted:R} ({shifted / targetRms:P2})");
        // Not 0: the FFT resampling treats each series as periodic, and the ERP ends far from where it
        // starts, so both edges ring (docs/dev/dipole.md §9); the 4-decimal file rounding adds little.
        Assert.True(fit < 0.05 * targetRms, $"the ERP the target was made from must fit it: rmse {fit} vs target rms {targetRms}");
        Assert.True(shifted > 5 * fit, $"a 5 ms shift must fit clearly worse: {shifted} vs {fit}");

        // HNN-core's reference (tests/data/rmse/cases.csv) starts from NEURON's smoothed-then-scaled
        // dipole; the summary scales first, then smooths. Both are linear: only rounding may differ.
        var reference = RmseReference.Cases().Single(c => c.Name == "erp_vs_target_even_down").Rmse;
        var error = Math.Abs(fit - reference) / reference;
        output.WriteLine($"vs HNN-core's _rmse of the smoothed reference dipole {reference:R}: relative error {error:E2} (tolerance 1E-09)");
        Assert.True(error <= 1e-9, $"relative error {error:E2}");
    }
}
