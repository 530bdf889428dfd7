using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Files;

/// <summary>
/// A trial's dipoles as CSV at full precision (shortest round-trip numbers; docs/dev/io.md §4.3),
/// with the reference files' header <c>time,agg,L2,L5</c>: the dipole as returned (nA·m, after any
/// post-processing) and NEURON's raw per-layer sums (fA·m, before the baseline step).
/// </summary>
internal static class DipoleCsv
{
    /// <summary>time and the dipole's columns (agg, L2, L5), as they are now.</summary>
    public static void Write(TextWriter writer, Dipole dipole)
    {
        var table = new TraceTable(dipole.Times.Length);
        dipole.Times.CopyTo(table.Add("time"), 0);
        foreach (var key in dipole.Order) dipole[key].CopyTo(table.Add(key), 0);
        table.WriteCsv(writer);
    }

    /// <summary>time, agg = L2 + L5, L2 (the L2 pyramidal cells' sum), L5: fA·m, unrenormalised (docs/dev/dipole.md §3).</summary>
    public static void WriteRaw(TextWriter writer, TrialResult trial)
    {
        var n = trial.Times.Length;
        var table = new TraceTable(n);
        trial.Times.CopyTo(table.Add("time"), 0);
        var agg = table.Add(Dipole.Agg);
        var l2 = table.Add(Dipole.L2);
        var l5 = table.Add(Dipole.L5);
        if (trial.RawDipoles.TryGetValue("L2_pyramidal", out var a)) a.CopyTo(l2, 0);
        if (trial.RawDipoles.TryGetValue("L5_pyramidal", out var b)) b.CopyTo(l5, 0);
        for (var k = 0; k < n; k++) agg[k] = l2[k] + l5[k];
        table.WriteCsv(writer);
    }
}
