using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The 3-D points and L that NEURON holds for a cell template placed at a position
/// (docs/dev/extracellular.md §5): HNN-core adds the position to each end point and hands them to
/// NEURON as float32; setting L rescales the points about point 0 and makes L their arc length;
/// define_shape then shifts each child so that its point 0 lies on its parent's end.
/// </summary>
internal static class NeuronSectionGeometry
{
    /// <summary>One <see cref="SectionLine"/> per section, in <see cref="CellTemplate.Sections"/> order.</summary>
    public static SectionLine[] Place(CellTemplate template, Position position)
    {
        var sections = template.Sections;
        var p0 = new Float3[sections.Count];
        var p1 = new Float3[sections.Count];
        var length = new double[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            var a = new Float3((float)(s.Start.X + position.X), (float)(s.Start.Y + position.Y), (float)(s.Start.Z + position.Z));
            var b = new Float3((float)(s.End.X + position.X), (float)(s.End.Y + position.Y), (float)(s.End.Z + position.Z));
            // pt3dadd: the arc length in double from the stored floats.
            double dx = (double)b.X - a.X, dy = (double)b.Y - a.Y, dz = (double)b.Z - a.Z;
            var arc = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            // sec.L = L with pt3dconst 0: every point moves to p0 + (p - p0)·fac, arc scales by fac.
            var fac = s.Length / arc;
            b = new Float3((float)(a.X + ((double)b.X - a.X) * fac), (float)(a.Y + ((double)b.Y - a.Y) * fac),
                (float)(a.Z + ((double)b.Z - a.Z) * fac));
            length[i] = arc * fac;
            p0[i] = a;
            p1[i] = b;
        }
        // define_shape: children (tree order: parents first) are translated onto their parent's end.
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            if (s.Parent is null) continue;
            var parent = template.SectionIndex(s.Parent);
            var at = s.ParentEnd == 0.0 ? p0[parent] : p1[parent];
            float tx = at.X - p0[i].X, ty = at.Y - p0[i].Y, tz = at.Z - p0[i].Z;
            p0[i] = new Float3(p0[i].X + tx, p0[i].Y + ty, p0[i].Z + tz);
            p1[i] = new Float3(p1[i].X + tx, p1[i].Y + ty, p1[i].Z + tz);
        }
        var lines = new SectionLine[sections.Count];
        for (var i = 0; i < sections.Count; i++)
            lines[i] = new SectionLine(sections[i].Name, p0[i].ToPoint(), p1[i].ToPoint(), length[i], sections[i].SegmentCount);
        return lines;
    }

    private readonly record struct Float3(float X, float Y, float Z)
    {
        public Point3 ToPoint() => new(X, Y, Z);
    }
}
