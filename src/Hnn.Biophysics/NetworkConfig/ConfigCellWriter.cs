using System.Runtime.CompilerServices;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Writes a cell template as HNN-core's <c>Cell.to_dict</c> plus its cell_metadata (docs/dev/io.md §5.2,
/// §5.4): sections dendrites first and soma last, as HNN-core builds its cells, the node map of the
/// tree, target groups and empty simulation state. A template read from a file keeps that file's
/// template name, section order and metadata.
/// </summary>
internal static class ConfigCellWriter
{
    /// <summary>What a file said about a template it produced (weakly held: templates may be many).</summary>
    private static readonly ConditionalWeakTable<CellTemplate, CellDescription> FromFiles = new();

    public static void Remember(CellTemplate template, CellDescription description) => FromFiles.AddOrUpdate(template, description);

    private static readonly IReadOnlyDictionary<string, string> BuiltInNames = new Dictionary<string, string>
    {
        [CellTemplates.L2Basket] = "L2_basket",
        [CellTemplates.L2Pyramidal] = "L2Pyr",
        [CellTemplates.L5Basket] = "L5_basket",
        [CellTemplates.L5Pyramidal] = "L5Pyr",
    };

    private const string Elife = "https://doi.org/10.7554/eLife.51214";

    public static PyObject Write(string typeName, CellTemplate template)
    {
        FromFiles.TryGetValue(template, out var fromFile);
        var builtIn = CellTemplates.IsKnown(typeName) && ReferenceEquals(template, CellTemplates.ForType(typeName));
        var literals = builtIn ? typeName : null;
        var name = fromFile?.TemplateName ?? (BuiltInNames.TryGetValue(typeName, out var n) && builtIn ? n : typeName);
        var order = fromFile?.FileSectionOrder.ToArray()
            ?? [.. template.SectionNames.Where(s => s != "soma"), "soma"];
        var mechanisms = fromFile?.Mechanisms ?? template.Mechanisms;

        var sections = new PyObject();
        foreach (var s in order)
            sections.Add(s, Section(template, template.Section(s), mechanisms.TryGetValue(s, out var m) ? m : [], literals));

        var synapses = new PyObject();
        foreach (var receptor in order.SelectMany(s => template.Synapses.Where(y => y.Section == s)).Select(y => y.Receptor).Distinct())
        {
            var y = template.Synapses.First(x => x.Receptor == receptor);
            synapses.Add(receptor, new PyObject()
                .Add("e", HnnCoreLiterals.Reversal(literals, y.Reversal))
                .Add("tau1", PyJson.Float(y.Tau1))
                .Add("tau2", PyJson.Float(y.Tau2)));
        }

        var cell = new PyObject()
            .Add("name", PyJson.Str(name))
            .Add("pos", PyJson.Ints([0, 0, 0]))
            .Add("sections", sections)
            .Add("synapses", synapses)
            .Add("cell_tree", template.Sections.Count == 1 ? PyJson.Null : Tree(template, order))
            .Add("sect_loc", new PyObject()
                .Add("proximal", PyJson.Strs(template.ProximalSections))
                .Add("distal", PyJson.Strs(template.DistalSections)))
            .Add("gid", PyJson.Null)
            .Add("dipole_pp", new PyList([]))
            .Add("vsec", new PyObject())
            .Add("isec", new PyObject())
            .Add("ca", new PyObject())
            .Add("tonic_biases", new PyList([]));
        var meta = fromFile?.Metadata ?? Metadata(typeName, template);
        return new PyObject()
            .Add("cell_object", cell)
            .Add("cell_metadata", new PyObject()
                .Add("morpho_type", PyJson.Str(meta.MorphoType))
                .Add("electro_type", PyJson.Str(meta.ElectroType))
                .Add("layer", PyJson.Str(meta.Layer))
                .Add("measure_dipole", PyJson.Bool(meta.MeasureDipole))
                .Add("reference", PyJson.Str(meta.Reference)));
    }

    private static CellMetadata Metadata(string typeName, CellTemplate template)
    {
        var layer = typeName.StartsWith("L2", StringComparison.Ordinal) ? "2" : typeName.StartsWith("L5", StringComparison.Ordinal) ? "5" : "";
        return template.MeasuresDipole
            ? new CellMetadata("pyramidal", "excitatory", layer, true, Elife)
            : new CellMetadata("basket", "inhibitory", layer, false, Elife);
    }

    private static PyObject Section(CellTemplate template, SectionSpec s, IReadOnlyList<Mechanism> mechanisms, string? literals)
    {
        var mechs = new PyObject();
        foreach (var m in mechanisms)
        {
            var parameters = new PyObject();
            foreach (var p in m.Parameters)
                parameters.Add(p.Name, p.PerSegment is null
                    ? PyJson.Float(p.Value)
                    : new PyList([PyJson.Floats(ConfigCellReader.SegmentCentres(s.SegmentCount)), PyJson.Floats(p.PerSegment)]));
            mechs.Add(m.Name, parameters);
        }
        var (start, end) = HnnCoreLiterals.EndPoints(literals, template, s);
        return new PyObject()
            .Add("L", PyJson.Float(s.Length))
            .Add("diam", PyJson.Float(s.Diameter))
            .Add("cm", PyJson.Float(s.Capacitance))
            .Add("Ra", PyJson.Float(s.AxialResistivity))
            .Add("end_pts", new PyList([start, end]))
            .Add("nseg", PyJson.Int(s.SegmentCount))
            .Add("v0", HnnCoreLiterals.InitialVoltage(literals, s))
            .Add("mechs", mechs)
            .Add("syns", PyJson.Strs(template.Synapses.Where(y => y.Section == s.Name).Select(y => y.Receptor)));
    }

    /// <summary>
    /// HNN-core's node map: each section's own "s,0" → ["s,1"] link (the soma's merged into its 0 end),
    /// then every end that has children, soma first, in section order.
    /// </summary>
    private static PyObject Tree(CellTemplate template, IReadOnlyList<string> order)
    {
        var nodes = new List<(string Key, List<string> Children)>();
        List<string> NodeList(string key)
        {
            foreach (var (k, c) in nodes) if (k == key) return c;
            var list = new List<string>();
            nodes.Add((key, list));
            return list;
        }
        foreach (var s in order.Where(s => s != "soma")) NodeList($"{s},0").Add($"{s},1");
        NodeList("soma,0").Add("soma,1");
        foreach (var parent in template.Sections)
            foreach (var end in new[] { 0, 1 })
            {
                var children = template.Sections.Where(c => c.Parent == parent.Name && c.ParentEnd == end).Select(c => $"{c.Name},0").ToArray();
                if (children.Length > 0) NodeList($"{parent.Name},{end}").AddRange(children);
            }
        var tree = new PyObject();
        foreach (var (k, c) in nodes) tree.Add(k, PyJson.Strs(c));
        return tree;
    }
}
