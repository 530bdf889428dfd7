using Hnn.Biophysics.Solver;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// Builds a template's density mechanisms with per-membrane-node parameters, in NEURON's
/// evaluation order (docs/dev/mechanisms.md §2.4): the ca ion, cad, then ar, ca, cat, hh2, kca, km —
/// so eca is fresh before any channel and kca sees the cai cad just updated.
/// </summary>
internal static class MechanismFactory
{
    public static DensityMechanism[] Create(CableTree tree, int lanes)
    {
        var t = tree.Template;
        var n = tree.MembraneCount;
        var specs = new Morphology.MembraneSpec[n];
        var distance = new double[n];
        for (var k = 0; k < n; k++)
        {
            var node = tree.MembraneNodes[k];
            var si = tree.SectionOfNode[node];
            var sec = t.Sections[si];
            specs[k] = t.Membranes[sec.Name];
            // Path distance of the segment centre from the soma's 0 end (docs/dev/cells.md §5.4).
            var x = (node - tree.FirstMembraneNode[si] + 0.5) / sec.SegmentCount;
            distance[k] = t.PathDistanceToStart(sec.Name) + x * sec.Length;
        }

        double[] Param(Func<Morphology.MembraneSpec, double?> get) =>
            specs.Select(s => get(s) ?? throw new InvalidOperationException(
                $"{t.Name}: a mechanism is present in some sections only; HNN's templates insert each everywhere")).ToArray();
        bool Present(Func<Morphology.MembraneSpec, double?> get) => specs.Any(s => get(s).HasValue);

        var list = new List<DensityMechanism>();
        if (specs.Any(s => s.HasCalcium))
        {
            list.Add(new CalciumIon());
            list.Add(new Cad(Param(s => s.CadTaur)));
        }
        if (specs.Any(s => s.Ar is not null))
            list.Add(new Ar(specs.Select((s, k) => s.Ar!.At(distance[k])).ToArray(), lanes));
        if (Present(s => s.CaGbar)) list.Add(new Ca(Param(s => s.CaGbar), lanes));
        if (Present(s => s.CatGbar)) list.Add(new Cat(Param(s => s.CatGbar), lanes));
        list.Add(new Hh2(Param(s => s.GnaBar), Param(s => s.GkBar), Param(s => s.Gl), Param(s => s.El), lanes));
        if (Present(s => s.KcaGbar)) list.Add(new Kca(Param(s => s.KcaGbar), lanes));
        if (Present(s => s.KmGbar)) list.Add(new Km(Param(s => s.KmGbar), lanes));
        return [.. list];
    }
}
