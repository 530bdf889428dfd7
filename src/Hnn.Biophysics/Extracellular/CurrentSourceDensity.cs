using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The current source density HNN-core's plot_csd draws (docs/dev/extracellular.md §10): minus the
/// three-point second difference of the LFP along the contacts, divided by the squared spacing, with
/// the first and last rows extrapolated linearly from their two inner neighbours.
/// </summary>
public static class CurrentSourceDensity
{
    /// <summary>
    /// CSD[contact, time] in µV/µm² from <paramref name="lfp"/>[contact, time] in µV and the contact spacing in
    /// µm. Needs at least 4 contacts (HNN-core fails on fewer).
    /// </summary>
    public static double[,] Compute(double[,] lfp, double spacing)
    {
        ArgumentNullException.ThrowIfNull(lfp);
        int n = lfp.GetLength(0), t = lfp.GetLength(1);
        if (n < 4)
            throw Invalid.Argument(nameof(lfp), n + " contact(s)", "the CSD's border rows need two inner rows",
                "an LFP of 4 or more contacts");
        if (!(spacing > 0) || !double.IsFinite(spacing))
            throw Invalid.Argument(nameof(spacing), spacing, "the spacing must be a positive number", "a finite number > 0 (µm)");
        var csd = new double[n, t];
        var dd = spacing * spacing;
        for (var i = 1; i < n - 1; i++)
            for (var k = 0; k < t; k++)
                csd[i, k] = -((lfp[i + 1, k] - lfp[i, k]) - (lfp[i, k] - lfp[i - 1, k])) / dd;
        for (var k = 0; k < t; k++)
        {
            csd[0, k] = csd[1, k] * 2 - csd[2, k];
            csd[n - 1, k] = csd[n - 2, k] * 2 - csd[n - 3, k];
        }
        return csd;
    }

    /// <summary>The CSD of a laminar array's LFP, the spacing taken from its contacts (§9).</summary>
    public static double[,] Compute(double[,] lfp, IReadOnlyList<Point3> positions)
    {
        var (depths, spacing) = LaminarGeometry.Of(positions);
        if (lfp.GetLength(0) != depths.Length)
            throw Invalid.Argument(nameof(lfp), lfp.GetLength(0) + " rows", "one row per contact is needed",
                $"{depths.Length} rows");
        return Compute(lfp, spacing);
    }
}
