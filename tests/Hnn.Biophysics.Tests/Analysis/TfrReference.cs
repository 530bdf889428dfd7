using Hnn.Biophysics.Analysis;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>Compares a TFR with one stored by tests/data/spectra (every <c>stride</c>-th time of ours): max |ΔP| / max P.</summary>
internal static class TfrReference
{
    public static (double Error, int Times) Compare(string caseName, int frequencies, TfrResult result, int stride)
    {
        var reference = Csv.ReadData("spectra", $"tfr_{caseName}.csv");
        var times = reference.Doubles("time");
        var (peak, diff) = (0.0, 0.0);
        for (var f = 0; f < frequencies; f++)
        {
            var expected = reference.Doubles(f + 1);
            for (var j = 0; j < times.Length; j++)
            {
                Assert.Equal(times[j], result.Times[j * stride]);
                peak = Math.Max(peak, Math.Abs(expected[j]));
                diff = Math.Max(diff, Math.Abs(expected[j] - result.Power[f, j * stride]));
            }
        }
        return (diff / peak, times.Length);
    }
}
