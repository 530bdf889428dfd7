using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The depths and spacing of a laminar (linear) electrode array as HNN-core's plot_lfp and plot_csd
/// require it (docs/dev/extracellular.md §9): at least two contacts, equally spaced, on one line, with
/// a change in z between contacts.
/// </summary>
public static class LaminarGeometry
{
    /// <summary>The contacts' z (µm, in the given order) and the spacing |z₁ − z₀| (µm).</summary>
    public static (double[] Depths, double Spacing) Of(IReadOnlyList<Point3> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count < 2)
            throw Invalid.Argument(nameof(positions), positions.Count + " contact(s)",
                "a laminar profile needs more than one contact", "two or more equally spaced, colinear contacts along z");
        var n = positions.Count;
        var d = new (double X, double Y, double Z)[n - 1];
        for (var i = 0; i < n - 1; i++)
            d[i] = (positions[i + 1].X - positions[i].X, positions[i + 1].Y - positions[i].Y, positions[i + 1].Z - positions[i].Z);
        var spacing = Math.Abs(d[0].Z);
        var m0 = Norm(d[0]);
        var ok = spacing > 0;
        for (var i = 0; i < n - 1 && ok; i++)
            ok = IsClose(Norm(d[i]), m0);
        for (var i = 0; i < n - 2 && ok; i++)
        {
            var (a, b) = (d[i], d[i + 1]);
            ok = IsClose(a.Y * b.Z - a.Z * b.Y, 0.0) && IsClose(a.Z * b.X - a.X * b.Z, 0.0)
                 && IsClose(a.X * b.Y - a.Y * b.X, 0.0);
        }
        if (!ok)
            throw Invalid.Argument(nameof(positions), positions.Select(p => $"({p.X}, {p.Y}, {p.Z})").ToArray(),
                "the contacts are not equally spaced, colinear and changing in z",
                "equally spaced contacts on one line with a change in z between neighbours");
        return (positions.Select(p => p.Z).ToArray(), spacing);
    }

    // numpy.allclose(a, b): |a − b| ≤ 1e-8 + 1e-5·|b|.
    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= 1e-8 + 1e-5 * Math.Abs(b);

    private static double Norm((double X, double Y, double Z) v) => Math.Sqrt(v.X * v.X + v.Y * v.Y + v.Z * v.Z);
}
