using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>Two runs of a trial agree: identical spikes, per-type dipoles within 1e-12 of their peak (the measured error is printed).</summary>
internal static class SameResult
{
    public static void Assert(TrialResult expected, TrialResult actual, ITestOutputHelper output, string what)
    {
        Xunit.Assert.Equal(expected.SpikeGids, actual.SpikeGids);
        Xunit.Assert.Equal(expected.SpikeTimes, actual.SpikeTimes);
        foreach (var (type, d) in expected.RawDipoles)
        {
            var peak = d.Max(Math.Abs);
            var err = d.Zip(actual.RawDipoles[type], (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{what}: {type} dipole max|Δ| = {err:E2} fAm (relative {err / peak:E2})");
            Xunit.Assert.True(err <= 1e-12 * peak, $"{what}: {type} dipole differs by {err:E3} (peak {peak})");
        }
    }
}
