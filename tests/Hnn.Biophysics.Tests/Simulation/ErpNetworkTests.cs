using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// The Jones 2009 column with the three ERP drives, 170 ms, against HNN-core on NEURON
/// (tests/data/erp/n_trials_1): per-type spike counts equal, share of spikes with the same gid
/// and step, and the raw dipole's normalised RMS error.
/// </summary>
public sealed class ErpNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public void ErpTrialMatchesNeuron()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new NetworkTrial(net, 170.0, 0.025).Run();
        Assert.Equal(6801, result.Times.Length);
        output.WriteLine($"build + simulate on one thread: {clock.Elapsed.TotalSeconds:F2} s");

        var reference = ReferenceSpikes.ReadData("erp_run", "spikes.csv");
        var c = SpikeComparison.Of(reference, result.SpikeTimes.Select((t, i) => (t, result.SpikeGids[i], result.SpikeTypes[i])));
        var (nrmse, peak) = DipoleError(result);
        output.WriteLine($"{c}\nraw dipole NRMSE {nrmse:E2} (peak {peak:F0} fAm)");

        Assert.True(c.CountsEqual, "per-type spike counts differ from NEURON's");
        Assert.True(c.SharedFraction >= 0.99, $"only {100 * c.SharedFraction:F2}% of spikes share gid and step with NEURON");
        Assert.True(nrmse <= 0.01, $"raw dipole NRMSE {100 * nrmse:F3}% > 1%");

        // What simulate_dipole returns (baseline, nAm), and the ERP example's smooth(30)·3000.
        var dipole = Hnn.Biophysics.Recording.Dipole.FromRaw(result, net.MeshShape);
        CompareDipole(dipole, "dipole_trial0.csv.gz", 1e-9);
        CompareDipole(dipole.Smooth(30).Scale(3000), "dipole_smooth30_scale3000_trial0.csv.gz", 1e-9);
    }

    private void CompareDipole(Hnn.Biophysics.Recording.Dipole dipole, string file, double relativeTolerance)
    {
        var reference = Csv.ReadData("erp_run", file).NumericColumns();
        foreach (var key in new[] { "agg", "L2", "L5" })
        {
            var peak = reference[key].Max(Math.Abs);
            var err = reference[key].Zip(dipole[key], (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{file} {key}: max|Δ| = {err:E2} nAm (peak {peak:G4})");
            Assert.True(err <= relativeTolerance * peak, $"{file} {key}: max|Δ| {err:E3} > {relativeTolerance} × peak {peak:G4}");
        }
    }

    private static (double Nrmse, double Peak) DipoleError(TrialResult result)
    {
        var agg = Csv.ReadData("erp_run", "dipole_neuron_raw_fAm.csv.gz").Doubles(1);
        var ours = result.RawDipoles.Values.Aggregate(new double[result.Times.Length], (acc, d) => acc.Zip(d, (a, b) => a + b).ToArray());
        Assert.Equal(agg.Length, ours.Length);
        var rms = Math.Sqrt(agg.Zip(ours, (a, b) => (a - b) * (a - b)).Average());
        var range = agg.Max() - agg.Min();
        return (rms / range, agg.Max(Math.Abs));
    }
}
