using System.Diagnostics;

namespace Hnn.Biophysics.Cells;

/// <summary>Throughput of one population on the calling thread.</summary>
/// <param name="CellType">Template name.</param>
/// <param name="Cells">Population size.</param>
/// <param name="Compartments">Membrane compartments (segments) per cell.</param>
/// <param name="Steps">Time steps integrated.</param>
/// <param name="Seconds">Wall time of the time loop.</param>
/// <param name="Spikes">Spikes the population fired (a check that it did real work).</param>
internal sealed record PopulationThroughput(string CellType, int Cells, int Compartments, int Steps, double Seconds, int Spikes)
{
    /// <summary>Compartment-steps per second.</summary>
    public double Rate => (double)Cells * Compartments * Steps / Seconds;
}

/// <summary>
/// Times <see cref="Population.Step"/> for N cells of a type driven to fire by a soma IClamp
/// (0.2 nA from 10 ms on, as the reference single-cell runs), so channels run in their active range.
/// </summary>
internal static class PopulationBenchmark
{
    public static PopulationThroughput Run(string cellType, int cells, double tstop = 170.0, double dt = 0.025)
    {
        var steps = Simulation.TimeGrid.Create(tstop, dt).StepCount;
        var pop = new Population(CellTemplates.ForType(cellType), cells, dt);
        for (var c = 0; c < cells; c++) pop.AddCurrentClamp(c, "soma", 0.5, 10.0, tstop, 0.2);
        var spikes = new List<Spike>(1024);
        // Warm up the JIT (tiered compilation) on a short run, then start again.
        for (var k = 0; k < 200; k++) pop.Step();
        pop.Initialize();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < steps; k++)
        {
            pop.Step();
            if (pop.PendingSpikes.Count > 512) pop.DrainSpikes(spikes);
        }
        clock.Stop();
        pop.DrainSpikes(spikes);
        return new PopulationThroughput(cellType, cells, pop.Tree.MembraneCount, steps, clock.Elapsed.TotalSeconds, spikes.Count);
    }
}
