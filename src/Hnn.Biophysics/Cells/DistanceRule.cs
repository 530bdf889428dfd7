using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// Channel densities that vary along a dendrite (docs/dev/cells.md §5.4, §10.2): a value per segment
/// from the path distance d between the soma's 0 end and the segment centre. The distances follow
/// HNN-core's floating-point order exactly; the exponential is the C library's, which differs from
/// numpy's in the last bit or two for some arguments (10 of L5's 80 segments), so a file HNN-core
/// wrote can differ by that much.
/// </summary>
internal static class DistanceRule
{
    /// <summary>g(d) = g0·(exp(k·d) + offset): L5's gbar_ar (offset 0) and calcium_model's dendritic gkbar_hh2.</summary>
    public static double[] Exponential(SectionSpec section, IReadOnlyDictionary<string, SectionSpec> sections,
        double gbarAtZero, double expTerm, double offset = 0.0) =>
        PerSegment(section, sections, d => gbarAtZero * (1.0 * Math.Exp(expTerm * d) + offset));

    /// <summary>
    /// g(d) = gsoma + min(xkink, d)·(gdend − gsoma)/xkink: a linear ramp from the soma's value that
    /// levels off at gdend beyond xkink µm (calcium_model's dendritic gbar_ca and gnabar_hh2).
    /// </summary>
    public static double[] Linear(SectionSpec section, IReadOnlyDictionary<string, SectionSpec> sections,
        double gsoma, double gdend, double xkink) =>
        PerSegment(section, sections, d => gsoma + Math.Min(xkink, d) * (gdend - gsoma) / xkink);

    private static double[] PerSegment(SectionSpec section, IReadOnlyDictionary<string, SectionSpec> sections, Func<double, double> rule)
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
            values[k] = rule(start + x * section.Length);
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
