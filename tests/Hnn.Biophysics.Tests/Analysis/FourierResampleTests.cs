using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>FourierResample against scipy.signal.resample's own outputs (tests/data/rmse/resample.json).</summary>
public sealed class FourierResampleTests(ITestOutputHelper output)
{
    // Relative to the largest |value| of the expected output: far below the 1e-4 nA·m of a dipole file,
    // and above the few-ulp differences between two FFT algorithms.
    private const double Tolerance = 1e-12;

    [Fact]
    public void MatchesScipyForUpAndDownOddAndEvenLengths()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path("rmse", "resample.json")));
        var worst = 0.0;
        var cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var input = c.GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var expected = c.GetProperty("output").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var num = c.GetProperty("num").GetInt32();
            var actual = FourierResample.Resample(input, num);
            Assert.Equal(expected.Length, actual.Length);
            var scale = expected.Max(Math.Abs);
            var error = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() / scale;
            output.WriteLine($"{input.Length,5} -> {num,5}: max |Δ| / max |y| = {error:E2}");
            worst = Math.Max(worst, error);
            cases++;
        }
        output.WriteLine($"{cases} cases, worst relative error {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(cases >= 10, "the reference file must hold the resample cases");
        Assert.True(worst <= Tolerance, $"worst relative error {worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void RefusesEmptyInputAndLengthsBelowOne()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => FourierResample.Resample([], 3)).Message);
        Assert.Contains("got 0", Assert.Throws<ArgumentException>(() => FourierResample.Resample([1.0, 2.0], 0)).Message);
    }
}
