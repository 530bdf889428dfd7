using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Mechanisms;

/// <summary>
/// Comparison of a C# result with a value taken from the NMODL formulas (evaluated independently
/// by nmodl_expected.py): relative error |actual − expected|/|expected|, or |actual| where the
/// expected value is exactly 0.
/// </summary>
internal static class Nmodl
{
    public static double RelativeError(double expected, double actual) =>
        expected == 0.0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    /// <summary>
    /// Asserts every (argument, expected) pair within <paramref name="tolerance"/> (relative) and
    /// prints the largest error met.
    /// </summary>
    public static void AssertAll(ITestOutputHelper output, string what, double tolerance,
        IEnumerable<(double Argument, double Expected, double Actual)> cases)
    {
        var worst = 0.0;
        var worstAt = double.NaN;
        var n = 0;
        foreach (var (x, expected, actual) in cases)
        {
            n++;
            var err = RelativeError(expected, actual);
            Assert.False(double.IsNaN(actual), $"{what} at {x}: NaN (expected {expected:R})");
            Assert.True(err <= tolerance, $"{what} at {x}: {actual:R}, NMODL formula gives {expected:R} (relative error {err:E3} > {tolerance:E0})");
            if (err > worst) (worst, worstAt) = (err, x);
        }
        Assert.True(n > 0, $"{what}: no cases");
        output.WriteLine($"{what}: {n} points, max relative error {worst:E2}{(worst > 0 ? $" at {worstAt:R}" : "")} (tolerance {tolerance:E0})");
    }
}
