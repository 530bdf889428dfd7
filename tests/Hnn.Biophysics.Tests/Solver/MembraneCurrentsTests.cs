using Hnn.Biophysics.Cells;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>
/// The solver's i_membrane_ (docs/dev/extracellular.md §8, §13) obeys charge conservation: a cell's membrane
/// currents sum to the current an IClamp injects (NEURON leaves the electrode out of i_membrane_) and to zero
/// without one, at every step, in every cell type.
/// </summary>
public sealed class MembraneCurrentsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellTemplates.L5Pyramidal)]
    [InlineData(CellTemplates.L2Pyramidal)]
    [InlineData(CellTemplates.L2Basket)]
    public void MembraneCurrentsSumToTheInjectedCurrent(string type)
    {
        var pop = new Population(CellTemplates.ForType(type), 2, 0.025);
        pop.AddCurrentClamp(0, "soma", 0.5, 2.0, 10.0, 0.5);   // cell 1 has no clamp
        pop.RecordMembraneCurrents();
        var membrane = pop.Tree.MembraneCount;
        double worst = 0, largest = 0;
        for (var step = 0; step < 800; step++)
        {
            var injected = pop.ClampCurrent(0, pop.Time + 0.0125);
            pop.Step();
            for (var cell = 0; cell < 2; cell++)
            {
                double sum = 0;
                for (var k = 0; k < membrane; k++)
                {
                    sum += pop.MembraneCurrent(cell, k);
                    largest = Math.Max(largest, Math.Abs(pop.MembraneCurrent(cell, k)));
                }
                worst = Math.Max(worst, Math.Abs(sum - (cell == 0 ? injected : 0.0)));
            }
        }
        output.WriteLine($"{type}: 800 steps, largest |Σ i_membrane_ − I_clamp| {worst:E2} nA (largest single current {largest:E2} nA)");
        Assert.True(largest > 0.1, "the clamp should drive currents");
        Assert.True(worst <= 1e-9 * largest, $"{worst:E3} nA");
    }
}
