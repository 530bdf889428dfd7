using Hnn.Biophysics.Extracellular;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>
/// CurrentSourceDensity against HNN-core v0.6.1's calculate_csd2d on the reference LFP of both arrays
/// (tests/data/lfp/csd_*.csv.gz, every 20th sample; docs/dev/extracellular.md §10).
/// </summary>
public sealed class CurrentSourceDensityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12; // relative to the CSD's peak |value|

    [Theory]
    [InlineData("shank_psa")]
    [InlineData("shank_lsa")]
    public void EqualsHnnCoresCsd(string array)
    {
        var lfp = LfpReference.ReadRows($"lfp_{array}.csv.gz");
        var csd = LfpReference.ReadRows($"csd_{array}.csv.gz");
        var row = lfp.Samples.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var n = lfp.Contacts.Length;
        var matrix = new double[n, csd.Samples.Length];
        for (var k = 0; k < csd.Samples.Length; k++)
            for (var c = 0; c < n; c++)
                matrix[c, k] = lfp.Contacts[c][row[csd.Samples[k]]];
        var ours = CurrentSourceDensity.Compute(matrix, LfpReference.Shank());
        double peak = 0, worst = 0;
        for (var c = 0; c < n; c++)
            for (var k = 0; k < csd.Samples.Length; k++)
            {
                peak = Math.Max(peak, Math.Abs(csd.Contacts[c][k]));
                worst = Math.Max(worst, Math.Abs(ours[c, k] - csd.Contacts[c][k]));
            }
        output.WriteLine($"{array}: {n} contacts × {csd.Samples.Length} samples, peak |CSD| {peak:E4} µV/µm², " +
                         $"max error {worst:E3} = {worst / peak:E3} of the peak");
        Assert.True(worst <= Tolerance * peak, $"{worst / peak:E3}");
    }

    [Fact]
    public void BordersAreLinearExtrapolations()
    {
        // LFP = z³ at z = 0, 1, 2, 3, 4 (spacing 1): inner CSD −6z, borders 2·inner − next.
        var lfp = new double[5, 1];
        for (var i = 0; i < 5; i++) lfp[i, 0] = i * i * i;
        var csd = CurrentSourceDensity.Compute(lfp, 1.0);
        Assert.Equal([0.0, -6.0, -12.0, -18.0, -24.0], Enumerable.Range(0, 5).Select(i => csd[i, 0]));
        var csd2 = CurrentSourceDensity.Compute(lfp, 2.0);
        Assert.Equal(-12.0 / 4.0, csd2[2, 0]);
        Assert.ThrowsAny<ArgumentException>(() => CurrentSourceDensity.Compute(new double[3, 2], 1.0));
    }
}
