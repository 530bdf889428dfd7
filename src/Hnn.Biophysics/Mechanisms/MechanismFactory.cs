using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Solver;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// Builds a template's density mechanisms with per-membrane-node parameters, in NEURON's
/// evaluation order (docs/dev/mechanisms.md §2.4): the ca ion, cad, then ar, ca, cat, hh2, kca, km —
/// so eca is fresh before any channel and kca sees the cai cad just updated. A mechanism is built
/// when any section has it; in sections without it its conductances are zero, which carries no
/// current, as if it were absent (docs/dev/cells.md §3.8).
/// </summary>
internal static class MechanismFactory
{
    /// <summary>Whether any section keeps a calcium concentration (cad).</summary>
    public static bool HasCalcium(Cells.CellTemplate t) => t.Mechanisms.Values.Any(l => l.Any(m => m.Name == "cad"));

    public static DensityMechanism[] Create(CableTree tree, int lanes)
    {
        var t = tree.Template;
        var n = tree.MembraneCount;
        var mechanisms = new Mechanism?[n][];
        var segment = new int[n];
        var names = MechanismCatalog.Parameters.Keys.ToArray();
        for (var k = 0; k < n; k++)
        {
            var node = tree.MembraneNodes[k];
            var si = tree.SectionOfNode[node];
            var sec = t.Sections[si];
            segment[k] = node - tree.FirstMembraneNode[si];
            mechanisms[k] = names.Select(name => t.MechanismOf(sec.Name, name)).ToArray();
        }

        bool Present(string mech) => mechanisms.Any(row => row[Array.IndexOf(names, mech)] is not null);

        // Per node: the parameter where the mechanism is inserted (the mod default when unset),
        // `absent` where it is not.
        double[] Param(string mech, string parameter, double absent)
        {
            var mi = Array.IndexOf(names, mech);
            var info = MechanismCatalog.Find(mech, parameter)!;
            var values = new double[n];
            for (var k = 0; k < n; k++)
            {
                var m = mechanisms[k][mi];
                var p = m?.Parameters.FirstOrDefault(x => x.Name == parameter);
                values[k] = m is null ? absent : p is null ? info.Default : p.At(segment[k]);
            }
            return values;
        }

        var list = new List<DensityMechanism>();
        if (HasCalcium(t))
        {
            list.Add(new CalciumIon());
            list.Add(new Cad(Param("cad", "taur_cad", MechanismCatalog.Find("cad", "taur_cad")!.Default)));
        }
        if (Present("ar")) list.Add(new Ar(Param("ar", "gbar_ar", 0.0), lanes));
        if (Present("ca")) list.Add(new Ca(Param("ca", "gbar_ca", 0.0), lanes));
        if (Present("cat")) list.Add(new Cat(Param("cat", "gbar_cat", 0.0), lanes));
        if (Present("hh2"))
            list.Add(new Hh2(Param("hh2", "gnabar_hh2", 0.0), Param("hh2", "gkbar_hh2", 0.0), Param("hh2", "gl_hh2", 0.0),
                Param("hh2", "el_hh2", MechanismCatalog.Find("hh2", "el_hh2")!.Default), lanes));
        if (Present("kca")) list.Add(new Kca(Param("kca", "gbar_kca", 0.0), lanes));
        if (Present("km")) list.Add(new Km(Param("km", "gbar_km", 0.0), lanes));
        return [.. list];
    }
}
