using System.Diagnostics;
using System.Runtime.CompilerServices;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Mechanisms;

namespace Hnn.Biophysics.Solver;

/// <summary>One kernel's cost: ns per compartment-step (per cell and membrane node).</summary>
internal sealed record KernelCost(string Part, double Nanoseconds);

/// <summary>
/// The per-part profile of docs/dev/kernels.md §4: each kernel of one cell type's population, on
/// voltages spread over the rate tables, timed around its own pass every step; per part the
/// median step, minimum over several runs (a time slice lost to another process lands in a few
/// steps, not in the median). For measuring, not for simulating.
/// </summary>
internal static class KernelProfile
{
    public static IReadOnlyList<KernelCost> Run(string cellType, SimdPath path, int cells = 96, int steps = 2000, int runs = 5) => path switch
    {
        SimdPath.Avx512 => Run<V512>(cellType, path, cells, steps, runs),
        SimdPath.Avx2 => Run<V256>(cellType, path, cells, steps, runs),
        _ => Run<V128>(cellType, path, cells, steps, runs),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IReadOnlyList<KernelCost> Run<TV>(string cellType, SimdPath path, int cells, int steps, int runs) where TV : struct, IVec<TV>
    {
        SimdPaths.Require(path, $"kernel path {path.Name()}");
        var template = CellTemplates.ForType(cellType);
        var tree = new CableTree(template);
        var lanes = (cells + TV.Count - 1) / TV.Count * TV.Count;
        var m = new MembraneState(tree, lanes, 0.025, MechanismFactory.HasCalcium(template), path);
        var mechanisms = MechanismFactory.Create(tree, lanes);
        var fused = new FusedMechanisms(mechanisms);
        var random = new System.Random(1);
        for (var node = 0; node < tree.NodeCount; node++)
        for (var c = 0; c < lanes; c++)
            m.V[node * lanes + c] = template.Sections[tree.SectionOfNode[node]].InitialVoltage + 40.0 * random.NextDouble();
        foreach (var mech in mechanisms) mech.Initialize(m);
        var solver = new HinesSolver(tree, lanes, 0.025);
        var synapses = new Exp2SynBank(template.Synapses, tree, lanes, 0.025);
        var dipoleKernel = template.MeasuresDipole ? new DipoleKernel(tree, lanes) : null;
        var dipole = new double[lanes];
        var v0 = (double[])m.V.Clone();

        var parts = new List<string> { "currents (all mechanisms)" };
        parts.AddRange(mechanisms.Select(x => $"states {x.Name}"));
        parts.AddRange(["synapses", "hines", "dipole"]);
        var ticks = new long[parts.Count, steps];
        var best = Enumerable.Repeat(double.MaxValue, parts.Count).ToArray();
        var work = (double)lanes * tree.MembraneCount;
        for (var run = 0; run <= runs; run++)
        {
            for (var s = 0; s < steps; s++)
            {
                v0.CopyTo(m.V, 0); // the same voltages every step: the profile is of the kernels, not of a trajectory
                var j = 0;
                var t0 = Stopwatch.GetTimestamp();
                fused.Currents<TV>(m);
                var t1 = Stopwatch.GetTimestamp();
                ticks[j++, s] = t1 - t0;
                t0 = t1;
                foreach (var mech in mechanisms)
                {
                    mech.AdvanceStates<TV>(m);
                    t1 = Stopwatch.GetTimestamp();
                    ticks[j++, s] = t1 - t0;
                    t0 = t1;
                }
                synapses.AddCurrents<TV>(m);
                synapses.AdvanceStates<TV>();
                t1 = Stopwatch.GetTimestamp();
                ticks[j++, s] = t1 - t0;
                t0 = t1;
                solver.Solve<TV>(m);
                t1 = Stopwatch.GetTimestamp();
                ticks[j++, s] = t1 - t0;
                t0 = t1;
                dipoleKernel?.Compute<TV>(m.V, dipole);
                ticks[j, s] = Stopwatch.GetTimestamp() - t0;
            }
            if (run == 0) continue; // warm-up
            var row = new long[steps];
            for (var j = 0; j < parts.Count; j++)
            {
                for (var s = 0; s < steps; s++) row[s] = ticks[j, s];
                Array.Sort(row);
                best[j] = Math.Min(best[j], row[steps / 2] * 1e9 / Stopwatch.Frequency / work);
            }
        }
        return [.. parts.Select((p, j) => new KernelCost(p, best[j]))];
    }
}
