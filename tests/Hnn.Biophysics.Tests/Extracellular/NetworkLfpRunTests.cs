using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>
/// Electrode arrays through the engine: the ERP run with the reference shank (25 contacts, psa and lsa) gives
/// HNN-core's potentials on NEURON at every stored sample within 1e-6 of the array's peak (so the membrane
/// currents the solver computes are NEURON's i_membrane_: the transfer weights alone match to 3e-15), and the
/// CSD of our LFP is HNN-core's within the same.
/// </summary>
public sealed class NetworkLfpRunTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6; // of the array's peak |V| (the issue's)

    private static readonly Lazy<(NetworkSpec Net, TrialResult Result)> Run = new(() =>
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create())
            .AddElectrodeArray(new ElectrodeArraySpec("shank_psa", LfpReference.Shank(), method: "psa"))
            .AddElectrodeArray(new ElectrodeArraySpec("shank_lsa", LfpReference.Shank(), method: "lsa"));
        return (net, new NetworkTrial(net, 170.0, 0.025).Run());
    });

    [Theory]
    [InlineData("shank_psa")]
    [InlineData("shank_lsa")]
    public void PotentialsAndCsdAreHnnCores(string array)
    {
        var (_, result) = Run.Value;
        var ours = result.Potentials[array];
        var reference = LfpReference.ReadRows($"lfp_{array}.csv.gz");
        Assert.Equal(25, ours.Count);
        Assert.All(ours, trace => Assert.Equal(6801, trace.Length));
        Assert.All(ours, trace => Assert.Equal(0.0, trace[0]));
        var peak = reference.Contacts.Max(c => c.Max(Math.Abs));
        var worst = 0.0;
        for (var c = 0; c < 25; c++)
            for (var r = 0; r < reference.Samples.Length; r++)
                worst = Math.Max(worst, Math.Abs(ours[c][reference.Samples[r]] - reference.Contacts[c][r]));
        output.WriteLine($"{array}: {reference.Samples.Length} samples × 25 contacts, peak {peak:E3} µV, max|Δ| {worst:E3} µV = {worst / peak:E3} of the peak");
        Assert.True(worst <= Tolerance * peak, $"{array}: max|Δ| {worst:E3} µV > {Tolerance} × peak {peak:E3}");

        // CSD of the whole LFP, against HNN-core's (stored every few samples).
        var lfp = new double[25, 6801];
        for (var c = 0; c < 25; c++)
            for (var t = 0; t < 6801; t++) lfp[c, t] = ours[c][t];
        var csd = CurrentSourceDensity.Compute(lfp, LfpReference.Shank());
        var expected = LfpReference.ReadRows($"csd_{array}.csv.gz");
        var csdPeak = expected.Contacts.Max(c => c.Max(Math.Abs));
        var csdWorst = 0.0;
        for (var c = 0; c < 25; c++)
            for (var r = 0; r < expected.Samples.Length; r++)
                csdWorst = Math.Max(csdWorst, Math.Abs(csd[c, expected.Samples[r]] - expected.Contacts[c][r]));
        output.WriteLine($"{array} CSD: {expected.Samples.Length} samples, peak {csdPeak:E3}, max|Δ| {csdWorst:E3} = {csdWorst / csdPeak:E3} of the peak");
        Assert.True(csdWorst <= Tolerance * csdPeak, $"{array} CSD: {csdWorst:E3} > {Tolerance} × {csdPeak:E3}");
    }
}
