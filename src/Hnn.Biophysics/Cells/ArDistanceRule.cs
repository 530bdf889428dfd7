using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// L5's gbar_ar(d) = g0·exp(k·d) per segment, d the path distance from the soma's 0 end to the
/// segment centre (docs/dev/cells.md §5.4). The distances follow HNN-core's floating-point order
/// exactly; the exponential is the C library's, which differs from numpy's in the last bit or two
/// for some arguments (10 of L5's 80 segments), so a file HNN-core wrote can differ by that much.
/// </summary>
internal static class ArDistanceRule
{
    public static double[] PerSegment(SectionSpec section, IReadOnlyDictionary<string, SectionSpec> sections, double gbarAtZero, double expTerm)
    {
        var nseg = section.SegmentCount;
        // HNN-core: distance to the section's middle (half its length, then each ancestor the
        // path runs along, nearest first), minus that half again, plus x·L.
        var start = MiddleDistance(section, sections) - section.Length / 2;
        var step = 1.0 / (2 * nseg);                 // numpy linspace(0, 1, 2·nseg + 1): x_i = i·step
        var values = new double[nseg];
        for (var k = 0; k < nseg; k++)
        {
            var x = (2 * k + 1) * step;
            values[k] = gbarAtZero * (1.0 * Math.Exp(expTerm * (start + x * section.Length)) + 0.0);
        }
        return values;
    }

    private static double MiddleDistance(SectionSpec section, IReadOnlyDictionary<string, SectionSpec> sections)
    {
        var d = section.Length / 2;
        for (var s = section; s.Parent is not null; s = sections[s.Parent])
            if (s.ParentEnd >= 1.0) d += sections[s.Parent].Length;   // hangs on the far end: the path runs along the parent
        return d;
    }
}
