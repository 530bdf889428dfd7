using System.Collections.Concurrent;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// How HNN-core's own default cells come out in its files, number by number (docs/dev/io.md §5.4), so
/// that writing a built-in template gives HNN-core's bytes: the integers its source writes as integer
/// literals (basket reversal potentials and end points, the L5 pyramid's −72 mV dendrites) and the
/// pyramids' end points as its shape code leaves them (22.099999999999987 rather than 22.1).
/// Templates that are not built-in are written plainly.
/// </summary>
internal static class HnnCoreLiterals
{
    public static PyJson Reversal(string? builtIn, double e) =>
        IsBasket(builtIn) && e == Math.Round(e) ? PyJson.Int((long)e) : PyJson.Float(e);

    public static PyJson InitialVoltage(string? builtIn, SectionSpec s) =>
        builtIn == CellTemplates.L5Pyramidal && s.Name != "soma" && s.InitialVoltage == -72.0 ? PyJson.Int(-72) : PyJson.Float(s.InitialVoltage);

    public static (PyJson Start, PyJson End) EndPoints(string? builtIn, CellTemplate template, SectionSpec s)
    {
        if (IsBasket(builtIn) && s.Start == default && s.End == new Point3(0, 0, s.Length))
            return (PyJson.Ints([0, 0, 0]), new PyList([PyJson.Int(0), PyJson.Int(0), PyJson.Float(s.Length)]));
        if (builtIn is not null && RawPoints.ContainsKey(builtIn))
        {
            var pts = Shaped.GetOrAdd(builtIn, _ => Shape(template, RawPoints[builtIn]))[s.Name];
            return (PyJson.Floats(pts[0]), PyJson.Floats(pts[1]));
        }
        return (PyJson.Floats([s.Start.X, s.Start.Y, s.Start.Z]), PyJson.Floats([s.End.X, s.End.Y, s.End.Z]));
    }

    private static bool IsBasket(string? builtIn) => builtIn is CellTemplates.L2Basket or CellTemplates.L5Basket;

    // cells_default.py's hand-drawn end points, before HNN-core moves the soma to the origin and
    // stretches each section to its length L.
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[][]>> RawPoints =
        new Dictionary<string, IReadOnlyDictionary<string, double[][]>>
        {
            [CellTemplates.L2Pyramidal] = new Dictionary<string, double[][]>
            {
                ["soma"] = [[-50, 0, 765], [-50, 0, 778]],
                ["apical_trunk"] = [[-50, 0, 778], [-50, 0, 813]],
                ["apical_oblique"] = [[-50, 0, 813], [-250, 0, 813]],
                ["apical_1"] = [[-50, 0, 813], [-50, 0, 993]],
                ["apical_tuft"] = [[-50, 0, 993], [-50, 0, 1133]],
                ["basal_1"] = [[-50, 0, 765], [-50, 0, 715]],
                ["basal_2"] = [[-50, 0, 715], [-156, 0, 609]],
                ["basal_3"] = [[-50, 0, 715], [56, 0, 609]],
            },
            [CellTemplates.L5Pyramidal] = new Dictionary<string, double[][]>
            {
                ["soma"] = [[0, 0, 0], [0, 0, 23]],
                ["apical_trunk"] = [[0, 0, 23], [0, 0, 83]],
                ["apical_oblique"] = [[0, 0, 83], [-150, 0, 83]],
                ["apical_1"] = [[0, 0, 83], [0, 0, 483]],
                ["apical_2"] = [[0, 0, 483], [0, 0, 883]],
                ["apical_tuft"] = [[0, 0, 883], [0, 0, 1133]],
                ["basal_1"] = [[0, 0, 0], [0, 0, -50]],
                ["basal_2"] = [[0, 0, -50], [-106, 0, -156]],
                ["basal_3"] = [[0, 0, -50], [106, 0, -156]],
            },
        };

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, double[][]>> Shaped = new();

    /// <summary>
    /// HNN-core's _update_end_pts: shift the soma's 0 end to (0, 0, 0), then walk the node map from
    /// (soma, 0), stretching each section from the end reached first to length L and moving everything
    /// beyond it by the same amount — the same additions in the same order, so the same roundings.
    /// </summary>
    private static IReadOnlyDictionary<string, double[][]> Shape(CellTemplate template, IReadOnlyDictionary<string, double[][]> raw)
    {
        var pts = raw.ToDictionary(kv => kv.Key, kv => kv.Value.Select(p => (double[])p.Clone()).ToArray());
        var soma0 = pts["soma"][0];
        double dx = 0 - soma0[0], dy = 0 - soma0[1], dz = 0 - soma0[2];
        foreach (var p in pts.Values.SelectMany(x => x))
        {
            p[0] += dx;
            p[1] += dy;
            p[2] += dz;
        }
        var tree = NodeMap(template);
        void Move((string Sec, int End) node, double[] d)
        {
            var p = pts[node.Sec][node.End];
            p[0] += d[0];
            p[1] += d[1];
            p[2] += d[2];
            if (!tree.TryGetValue(node, out var children)) return;
            foreach (var c in children) Move(c, d);
        }
        void DefineShape((string Sec, int End) node)
        {
            var opposite = node.End == 1 ? 0 : 1;
            var a = pts[node.Sec][node.End];
            var b = pts[node.Sec][opposite];
            double ex = a[0] - b[0], ey = a[1] - b[1], ez = a[2] - b[2];
            var oldLength = Math.Sqrt(ex * ex + ey * ey + ez * ez);
            var fac = template.Section(node.Sec).Length / oldLength;
            double[] d = [a[0] + (b[0] - a[0]) * fac - b[0], a[1] + (b[1] - a[1]) * fac - b[1], a[2] + (b[2] - a[2]) * fac - b[2]];
            Move((node.Sec, opposite), d);
            if (tree.TryGetValue(node, out var children))
                foreach (var c in children) DefineShape(c);
        }
        DefineShape(("soma", 0));
        return pts;
    }

    /// <summary>The node map in HNN-core's order (own 0 → 1 links first, then the ends that carry children).</summary>
    private static Dictionary<(string, int), List<(string, int)>> NodeMap(CellTemplate template)
    {
        var map = new Dictionary<(string, int), List<(string, int)>>();
        List<(string, int)> At((string, int) key) => map.TryGetValue(key, out var l) ? l : map[key] = [];
        foreach (var s in template.SectionNames.Where(s => s != "soma")) At((s, 0)).Add((s, 1));
        At(("soma", 0)).Add(("soma", 1));
        foreach (var parent in template.Sections)
            foreach (var end in new[] { 0, 1 })
                foreach (var c in template.Sections.Where(c => c.Parent == parent.Name && c.ParentEnd == end))
                    At((parent.Name, end)).Add((c.Name, 0));
        return map;
    }
}
