using System.Globalization;
using Hnn.Biophysics.NetworkConfig;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>Our writer against the file HNN-core v0.6.1 wrote for the same network (docs/dev/io.md §5.4).</summary>
public class NetworkConfigWriterTests(ITestOutputHelper output)
{
    /// <summary>
    /// Same bytes except the L5 pyramid's per-segment gbar_ar: HNN-core evaluates exp with numpy's
    /// vectorised exp, we with the C library's, and the two differ by 1–2 ulp at some arguments.
    /// </summary>
    [Fact]
    public void Erp5x5MatchesHnnCoreByteForByteButForExpRounding()
    {
        var expected = ConfigFiles.Text("erp").Split('\n');
        var actual = NetworkConfigFile.ToJson(ConfigFiles.Erp5x5()).Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        var differing = 0;
        long maxUlps = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == actual[i]) continue;
            differing++;
            var a = double.Parse(expected[i].Trim().TrimEnd(','), CultureInfo.InvariantCulture);
            var b = double.Parse(actual[i].Trim().TrimEnd(','), CultureInfo.InvariantCulture);
            var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));
            maxUlps = Math.Max(maxUlps, ulps);
            output.WriteLine($"line {i + 1}: HNN-core {expected[i].Trim()} ours {actual[i].Trim()} ({ulps} ulp)");
            Assert.InRange(ulps, 1, 2);
            Assert.InRange(a, 1e-7, 1e-3);   // a gbar_ar density, not a position, weight or integer
        }
        output.WriteLine($"{expected.Length} lines, {differing} differ, at most {maxUlps} ulp");
        Assert.InRange(differing, 0, 12);
    }
}
