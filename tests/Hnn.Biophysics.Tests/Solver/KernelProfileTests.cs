using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>The kernel profile of docs/dev/kernels.md §4 on a small run: one row per part, every time positive and finite.</summary>
public sealed class KernelProfileTests(ITestOutputHelper output)
{
    [Fact]
    public void Profile_HasOneRowPerKernelOfTheTemplate()
    {
        foreach (var path in SimdPaths.Available)
        {
            var rows = KernelProfile.Run(CellTemplates.L5Pyramidal, path, cells: 8, steps: 20, runs: 1);
            output.WriteLine($"{path.Name()}: {string.Join(", ", rows.Select(r => $"{r.Part} {r.Nanoseconds:F2}"))} ns");
            // currents, ca_ion, cad, ar, ca, cat, hh2, kca, km, synapses, hines, dipole
            Assert.Equal(12, rows.Count);
            Assert.Equal("states hh2", rows[6].Part);
            Assert.All(rows.Where(r => r.Part != "states ca_ion"), r => Assert.True(r.Nanoseconds > 0 && double.IsFinite(r.Nanoseconds), $"{r.Part}: {r.Nanoseconds}"));
        }
    }
}
