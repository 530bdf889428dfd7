using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The node tree of one cell template as NEURON discretises it (docs/dev/numerics.md §2): a root node
/// (soma x = 0), then per section its nseg membrane nodes and its x = 1 end node, numbered so
/// that every parent precedes its children. Holds the constant coefficients of the linear
/// system (§3) and the per-link dipole weights (docs/dev/dipole.md §2.2). Same for every cell of a type.
/// </summary>
internal sealed class CableTree
{
    /// <summary>NEURON's conventional area of zero-area nodes (µm²), docs/dev/numerics.md §2.3.</summary>
    public const double ZeroAreaNodeArea = 100.0;

    public CableTree(CellTemplate template)
    {
        Template = template;
        var parents = new List<int> { -1 };
        var areas = new List<double> { ZeroAreaNodeArea };
        var linkR = new List<double> { double.PositiveInfinity };
        var ztan = new List<double> { 0.0 };
        var sectionOf = new List<int> { 0 };
        var membrane = new List<int>();
        var firstMembrane = new int[template.Sections.Count];
        var endNode = new int[template.Sections.Count];
        var trunk = template.Sections.FirstOrDefault(s => s.Name == "apical_trunk")?.Direction ?? new Point3(0, 0, 1);

        for (var si = 0; si < template.Sections.Count; si++)
        {
            var sec = template.Sections[si];
            var nseg = sec.SegmentCount;
            var d = sec.SolverDiameter;
            // r½ = 1e-2·Ra·(L/(2·nseg))/(π·d²/4) MΩ (docs/dev/cells.md §3.7).
            var rHalf = 1e-2 * sec.AxialResistivity * (sec.Length / (2.0 * nseg)) / (Math.PI * d * d / 4.0);
            var dir = sec.Direction;
            var cos = dir.X * trunk.X + dir.Y * trunk.Y + dir.Z * trunk.Z;
            var attach = Attachment(template, si, endNode);

            firstMembrane[si] = parents.Count;
            for (var k = 0; k < nseg; k++)
            {
                parents.Add(k == 0 ? attach : parents.Count - 1);
                areas.Add(Math.PI * d * (sec.Length / nseg));
                linkR.Add(k == 0 ? rHalf : 2.0 * rHalf);
                ztan.Add(cos * sec.Length * (k == 0 ? 1.0 / (2 * nseg) : 1.0 / nseg));
                sectionOf.Add(si);
                membrane.Add(parents.Count - 1);
            }
            endNode[si] = parents.Count;
            parents.Add(parents.Count - 1);
            areas.Add(ZeroAreaNodeArea);
            linkR.Add(rHalf);
            ztan.Add(cos * sec.Length / (2 * nseg));
            sectionOf.Add(si);
        }

        Parent = [.. parents];
        Area = [.. areas];
        LinkResistance = [.. linkR];
        DipoleZtan = [.. ztan];
        SectionOfNode = [.. sectionOf];
        MembraneNodes = [.. membrane];
        FirstMembraneNode = firstMembrane;
        EndNode = endNode;
        IsMembrane = new bool[NodeCount];
        foreach (var n in MembraneNodes) IsMembrane[n] = true;

        // B_i = −100·g_i/area_i and A_i = −100·g_i/area_p(i) (docs/dev/numerics.md §3).
        CoefB = new double[NodeCount];
        CoefA = new double[NodeCount];
        AxialDiagonal = new double[NodeCount];
        for (var i = 1; i < NodeCount; i++)
        {
            var g = 1.0 / LinkResistance[i];
            CoefB[i] = -1e2 * g / Area[i];
            CoefA[i] = -1e2 * g / Area[Parent[i]];
            AxialDiagonal[i] -= CoefB[i];
            AxialDiagonal[Parent[i]] -= CoefA[i];
        }
    }

    public CellTemplate Template { get; }
    public int NodeCount => Parent.Length;
    public int MembraneCount => MembraneNodes.Length;

    /// <summary>Parent node of each node; −1 for the root.</summary>
    public int[] Parent { get; }

    /// <summary>Node area (µm²): segment area for membrane nodes, 100 for zero-area nodes.</summary>
    public double[] Area { get; }

    /// <summary>Axial resistance of the link node ↔ parent (MΩ), NEURON's ri.</summary>
    public double[] LinkResistance { get; }

    /// <summary>cos θ · L · Δx of the link node ↔ parent (µm): its dipole lever arm.</summary>
    public double[] DipoleZtan { get; }

    public int[] SectionOfNode { get; }
    public bool[] IsMembrane { get; }

    /// <summary>Node index of each membrane node, in node order.</summary>
    public int[] MembraneNodes { get; }

    public int[] FirstMembraneNode { get; }
    public int[] EndNode { get; }
    public double[] CoefA { get; }
    public double[] CoefB { get; }

    /// <summary>Constant axial part of each node's diagonal: −B_i − Σ_children A_c.</summary>
    public double[] AxialDiagonal { get; }

    /// <summary>The membrane node at position x of a section (the segment containing x).</summary>
    public int NodeAt(string section, double x)
    {
        var si = Template.SectionIndex(section);
        var nseg = Template.Sections[si].SegmentCount;
        var k = Math.Min((int)(x * nseg), nseg - 1);
        return FirstMembraneNode[si] + k;
    }

    /// <summary>Index of <paramref name="node"/> among the membrane nodes.</summary>
    public int MembraneIndex(int node)
    {
        var k = Array.IndexOf(MembraneNodes, node);
        return k >= 0 ? k : throw new ArgumentException($"node {node} is not a membrane node", nameof(node));
    }

    // A section's 0 end is its parent's x = 1 end node, or (attached at x = 0) the parent's own
    // attachment point; the soma's 0 end is the root node.
    private static int Attachment(CellTemplate template, int si, int[] endNode)
    {
        var sec = template.Sections[si];
        if (sec.Parent is null) return 0;
        var pi = template.SectionIndex(sec.Parent);
        return sec.ParentEnd >= 1.0 ? endNode[pi] : Attachment(template, pi, endNode);
    }
}
