using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Reads one entry of <c>cell_types</c> (docs/dev/io.md §5.2, §5.3): either layout, every section with its
/// geometry, mechanisms (numbers or per-segment lists) and synapses, the tree, the target groups and
/// the metadata. Strict: a wrong type, a missing key, an unknown key, a per-segment list that does not
/// have one value per segment, or a tree that is not one tree rooted at the soma fail with the JSON path.
/// </summary>
internal static class ConfigCellReader
{
    // HNN-core fills these in for files written before cell_metadata existed (docs/dev/io.md §5.3 step 3).
    private const string Elife = "https://doi.org/10.7554/eLife.51214";
    private static readonly IReadOnlyDictionary<string, CellMetadata> CanonicalMetadata = new Dictionary<string, CellMetadata>
    {
        ["L2_basket"] = new("basket", "inhibitory", "2", false, Elife),
        ["L2_pyramidal"] = new("pyramidal", "excitatory", "2", true, Elife),
        ["L5_basket"] = new("basket", "inhibitory", "5", false, Elife),
        ["L5_pyramidal"] = new("pyramidal", "excitatory", "5", true, Elife),
    };

    public static CellDescription Read(string typeName, JsonElement entry, string path)
    {
        var outer = JsonSection.Open(entry, path);
        JsonElement cellElement;
        string cellPath;
        CellMetadata metadata;
        if (outer.Has("cell_object") && outer.Has("cell_metadata"))
        {
            outer.Expect("cell_object", "cell_metadata");
            cellElement = outer.Required("cell_object", "a cell");
            cellPath = outer.At("cell_object");
            metadata = ReadMetadata(outer.Required("cell_metadata", "an object"), outer.At("cell_metadata"));
            outer.RejectUnknownKeys();
        }
        else
        {
            // The older layout: the cell itself, metadata known only for the four default names.
            cellElement = entry;
            cellPath = path;
            metadata = CanonicalMetadata.TryGetValue(typeName, out var m)
                ? m
                : throw new ExperimentFileException(path,
                    $"cell type '{typeName}' has no \"cell_metadata\" (a file in the older layout names only " +
                    "L2_basket, L2_pyramidal, L5_basket, L5_pyramidal); allowed: {\"cell_object\": {...}, \"cell_metadata\": {...}}");
        }
        return ReadCell(typeName, cellElement, cellPath, metadata);
    }

    private static CellMetadata ReadMetadata(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        o.Expect("morpho_type", "electro_type", "layer", "measure_dipole", "reference");
        var dipole = o.Get("measure_dipole") is { } d
            ? d.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ExperimentFileException(o.At("measure_dipole"), $"{JsonSection.Describe(d)} is not allowed; allowed: true or false"),
            }
            : false;   // HNN-core: metadata.get("measure_dipole", False)
        var m = new CellMetadata(o.String("morpho_type", ""), o.String("electro_type", ""), o.String("layer", ""), dipole, o.String("reference", ""));
        o.RejectUnknownKeys();
        return m;
    }

    private static CellDescription ReadCell(string typeName, JsonElement e, string path, CellMetadata metadata)
    {
        var o = JsonSection.Open(e, path);
        o.Expect("name", "pos", "sections", "synapses", "cell_tree", "sect_loc", "gid", "dipole_pp", "vsec", "isec", "ca", "tonic_biases");
        var templateName = o.String("name", allowed: "the template name, e.g. \"L5Pyr\"");
        var pos = o.Required("pos", "[x, y, z]");
        Point(pos, o.At("pos"));   // the template's own position; cells sit where pos_dict puts them
        foreach (var k in new[] { "gid", "dipole_pp", "vsec", "isec", "tonic_biases" })
            o.Required(k, "as HNN-core writes it");   // simulation state HNN-core keeps on the cell; not used
        o.Get("ca");

        var synapses = ReadSynapseKinds(o.Required("synapses", "an object receptor → {e, tau1, tau2}"), o.At("synapses"));
        var raw = ReadSections(o.Required("sections", "an object section name → section"), o.At("sections"), synapses);
        if (!raw.ContainsKey("soma"))
            throw new ExperimentFileException(o.At("sections"), $"cell type '{typeName}' has no \"soma\" section; allowed: sections including \"soma\" (soma must be defined for cell)");
        var parents = ReadTree(o.Required("cell_tree", "null (one section) or an object \"section,end\" → [\"section,end\", ...]"), o.At("cell_tree"), raw);
        var ordered = TreeOrder(raw, parents, o.At("cell_tree"));

        var sectLoc = JsonSection.Open(o.Required("sect_loc", "{\"proximal\": [...], \"distal\": [...]}"), o.At("sect_loc"));
        sectLoc.Expect("proximal", "distal");
        var proximal = SectionList(sectLoc, "proximal", raw);
        var distal = SectionList(sectLoc, "distal", raw);
        sectLoc.RejectUnknownKeys();
        o.RejectUnknownKeys();

        if (metadata.MeasureDipole && !raw.ContainsKey("apical_trunk"))
            throw new ExperimentFileException(path,
                $"cell type '{typeName}' measures the dipole (cell_metadata.measure_dipole) but has no \"apical_trunk\" section, along which HNN-core measures it; allowed: measure_dipole false, or an apical_trunk section");

        var sections = ordered.Select(name =>
        {
            var s = raw[name];
            var (parent, parentEnd) = parents.TryGetValue(name, out var p) ? p : (null, 0);
            return new SectionSpec(name, s.L, s.Diam, s.Ra, s.Cm, s.V0, parent, parentEnd, s.Start, s.End);
        }).ToArray();
        var synapseSpecs = ordered.SelectMany(name => raw[name].Syns.Select(r =>
            new SynapseSpec(name, r, synapses[r].E, synapses[r].Tau1, synapses[r].Tau2))).ToArray();
        return new CellDescription(typeName, templateName, sections, [.. raw.Keys],
            ordered.ToDictionary(n => n, n => raw[n].Mechs), synapseSpecs, proximal, distal, metadata);
    }

    private sealed record RawSection(double L, double Diam, double Cm, double Ra, double V0, Point3 Start, Point3 End,
        IReadOnlyList<Mechanism> Mechs, IReadOnlyList<string> Syns);

    private static Dictionary<string, (double E, double Tau1, double Tau2)> ReadSynapseKinds(JsonElement e, string path)
    {
        var all = JsonSection.Open(e, path);
        var result = new Dictionary<string, (double, double, double)>();
        foreach (var p in all.Properties())
        {
            var s = JsonSection.Open(p.Value, $"{path}.{p.Name}");
            s.Expect("e", "tau1", "tau2");
            var tau1 = Positive(s, "tau1", "a rise time > 0 (ms)");
            var tau2 = Positive(s, "tau2", "a decay time > 0 (ms)");
            var rev = Finite(s, "e", "a reversal potential (mV)");
            s.RejectUnknownKeys();
            result[p.Name] = (rev, tau1, tau2);
        }
        return result;
    }

    private static Dictionary<string, RawSection> ReadSections(JsonElement e, string path,
        IReadOnlyDictionary<string, (double E, double Tau1, double Tau2)> synapses)
    {
        var all = JsonSection.Open(e, path);
        var result = new Dictionary<string, RawSection>();
        foreach (var p in all.Properties())
        {
            var sp = $"{path}.{p.Name}";
            var s = JsonSection.Open(p.Value, sp);
            s.Expect("L", "diam", "cm", "Ra", "end_pts", "nseg", "v0", "mechs", "syns");
            var l = Positive(s, "L", "a length > 0 (µm)");
            var diam = Positive(s, "diam", "a diameter > 0 (µm)");
            var cm = Positive(s, "cm", "a capacitance > 0 (µF/cm²)");
            var ra = Positive(s, "Ra", "an axial resistivity > 0 (Ω·cm)");
            var v0 = s.Has("v0") ? Finite(s, "v0", "an initial voltage (mV)") : -65.0;   // HNN-core's default for files without v0
            var pts = s.Required("end_pts", "two points [[x, y, z], [x, y, z]]");
            if (pts.ValueKind != JsonValueKind.Array || pts.GetArrayLength() != 2)
                throw new ExperimentFileException(s.At("end_pts"), $"{JsonSection.Describe(pts)}{(pts.ValueKind == JsonValueKind.Array ? $" of {pts.GetArrayLength()} points" : "")} is not allowed; allowed: two points [[x, y, z], [x, y, z]] (the 0 and 1 ends)");
            var start = Point(pts[0], s.At("end_pts") + "[0]");
            var end = Point(pts[1], s.At("end_pts") + "[1]");
            if (start == end)
                throw new ExperimentFileException(s.At("end_pts"), "both ends are the same point, so the section has no direction; allowed: two different points");
            var nseg = SectionSegments(l);
            var storedNseg = s.Int("nseg", allowed: "an integer");
            if (storedNseg != nseg)
                throw new ExperimentFileException(s.At("nseg"),
                    $"{storedNseg} is not allowed: HNN-core derives nseg from L ({Invalid(l)} µm gives {nseg}: 1 up to 100 µm, else L/50 made odd) and ignores the stored value; allowed: {nseg}");
            var mechs = ReadMechanisms(s.Required("mechs", "an object mechanism → {parameter: value}"), s.At("mechs"), nseg);
            var syns = s.Required("syns", "a list of receptor names");
            if (syns.ValueKind != JsonValueKind.Array)
                throw new ExperimentFileException(s.At("syns"), $"{JsonSection.Describe(syns)} is not allowed; allowed: a list of receptor names");
            var receptors = syns.EnumerateArray().Select((r, i) =>
            {
                var name = JsonSection.AsString(r, $"{s.At("syns")}[{i}]", "a receptor name");
                if (!synapses.ContainsKey(name))
                    throw new ExperimentFileException($"{s.At("syns")}[{i}]",
                        $"\"{name}\" is not allowed: the cell's \"synapses\" do not define it; allowed: {string.Join(", ", synapses.Keys)}");
                return name;
            }).ToArray();
            if (receptors.Distinct().Count() != receptors.Length)
                throw new ExperimentFileException(s.At("syns"), "a receptor is listed twice; allowed: each receptor once");
            s.RejectUnknownKeys();
            result[p.Name] = new RawSection(l, diam, cm, ra, v0, start, end, mechs, receptors);
        }
        return result;
    }

    private static IReadOnlyList<Mechanism> ReadMechanisms(JsonElement e, string path, int nseg)
    {
        var all = JsonSection.Open(e, path);
        var result = new List<Mechanism>();
        foreach (var m in all.Properties())
        {
            var mp = $"{path}.{m.Name}";
            if (!MechanismCatalog.Parameters.TryGetValue(m.Name, out var known))
                throw new ExperimentFileException(mp, $"unknown mechanism; allowed: {MechanismCatalog.AllowedMechanisms}");
            var o = JsonSection.Open(m.Value, mp);
            o.Expect([.. known.Select(k => k.Name)]);
            var parameters = new List<MechanismParameter>();
            foreach (var p in o.Properties())
            {
                var pp = $"{mp}.{p.Name}";
                o.Get(p.Name);
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    var v = p.Value.GetDouble();
                    if (!double.IsFinite(v)) throw new ExperimentFileException(pp, $"{p.Value.GetRawText()} is not allowed; allowed: a finite number");
                    parameters.Add(new MechanismParameter(p.Name, v));
                }
                else parameters.Add(new MechanismParameter(p.Name, 0.0, PerSegment(p.Value, pp, nseg)));
            }
            result.Add(new Mechanism(m.Name, parameters));
        }
        return result;
    }

    /// <summary>[[x…], [v…]]: x must be the segment centres, one value per segment (docs/dev/io.md §5.2).</summary>
    private static double[] PerSegment(JsonElement v, string path, int nseg)
    {
        const string allowed = "a number, or [[x...], [value...]] with one value per segment at the segment centres";
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2
            || v[0].ValueKind != JsonValueKind.Array || v[1].ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(path, $"{JsonSection.Describe(v)} is not allowed; allowed: {allowed}");
        var xs = v[0].EnumerateArray().Select((x, i) => JsonSection.AsNumber(x, $"{path}[0][{i}]", "a segment centre")).ToArray();
        var values = v[1].EnumerateArray().Select((x, i) => JsonSection.AsNumber(x, $"{path}[1][{i}]", "a number")).ToArray();
        if (xs.Length != nseg || values.Length != nseg)
            throw new ExperimentFileException(path,
                $"{xs.Length} positions and {values.Length} values are not allowed: the section has {nseg} segment(s); allowed: {nseg} of each");
        var centres = SegmentCentres(nseg);
        for (var i = 0; i < nseg; i++)
        {
            if (Math.Abs(xs[i] - centres[i]) > 1e-9)
                throw new ExperimentFileException($"{path}[0][{i}]",
                    $"{Invalid(xs[i])} is not the centre of segment {i} ({Invalid(centres[i])}); HNN-core sets segment i from value i whatever x says; allowed: the segment centres");
            if (!double.IsFinite(values[i]))
                throw new ExperimentFileException($"{path}[1][{i}]", "not a finite number; allowed: a finite number");
        }
        return values;
    }

    /// <summary>numpy's linspace(0, 1, 2n + 1)[1::2]: (2k + 1)·(1/(2n)), bit for bit.</summary>
    internal static double[] SegmentCentres(int nseg)
    {
        var step = 1.0 / (2 * nseg);
        return Enumerable.Range(0, nseg).Select(k => (2 * k + 1) * step).ToArray();
    }

    internal static int SectionSegments(double length) =>
        new SectionSpec("", length, 1, 1, 1, 0, null, 0, default, new Point3(0, 0, 1)).SegmentCount;

    /// <summary>Child → (parent, parent end) from HNN-core's node map; one tree rooted at the soma.</summary>
    private static Dictionary<string, (string? Parent, double End)> ReadTree(JsonElement e, string path, IReadOnlyDictionary<string, RawSection> sections)
    {
        var parents = new Dictionary<string, (string?, double)>();
        if (e.ValueKind == JsonValueKind.Null)
        {
            if (sections.Count > 1)
                throw new ExperimentFileException(path, $"null is not allowed for a cell of {sections.Count} sections: nothing connects them; allowed: an object \"section,end\" → [\"section,end\", ...]");
            return parents;
        }
        var tree = JsonSection.Open(e, path);
        foreach (var p in tree.Properties())
        {
            var (parent, parentEnd) = Node(p.Name, $"{path}.{p.Name}", sections);
            if (p.Value.ValueKind != JsonValueKind.Array)
                throw new ExperimentFileException($"{path}.{p.Name}", $"{JsonSection.Describe(p.Value)} is not allowed; allowed: a list of \"section,end\" nodes");
            var i = 0;
            foreach (var c in p.Value.EnumerateArray())
            {
                var cp = $"{path}.{p.Name}[{i++}]";
                var (child, childEnd) = Node(JsonSection.AsString(c, cp, "a node \"section,end\""), cp, sections);
                if (child == parent) continue;   // the section's own 0 → 1 link
                if (childEnd != 0)
                    throw new ExperimentFileException(cp, $"\"{child},{childEnd}\" is not allowed: a child section attaches by its 0 end; allowed: \"{child},0\"");
                if (child == "soma")
                    throw new ExperimentFileException(cp, "the soma is the root of the tree and has no parent; allowed: another section");
                if (parents.TryGetValue(child, out var before))
                    throw new ExperimentFileException(cp, $"section '{child}' already attaches to '{before.Item1}'; allowed: one parent per section");
                parents[child] = (parent, parentEnd);
            }
        }
        return parents;
    }

    private static (string Section, int End) Node(string text, string path, IReadOnlyDictionary<string, RawSection> sections)
    {
        var parts = text.Split(',');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end is not (0 or 1))
            throw new ExperimentFileException(path, $"\"{text}\" is not allowed; allowed: a node \"section,end\" with end 0 or 1");
        if (!sections.ContainsKey(parts[0]))
            throw new ExperimentFileException(path, $"section '{parts[0]}' is not a section of this cell; allowed: {string.Join(", ", sections.Keys)}");
        return (parts[0], end);
    }

    /// <summary>Soma first, then the file's order, every parent before its children.</summary>
    private static List<string> TreeOrder(IReadOnlyDictionary<string, RawSection> sections,
        IReadOnlyDictionary<string, (string? Parent, double End)> parents, string path)
    {
        var order = new List<string> { "soma" };
        var placed = new HashSet<string> { "soma" };
        bool progress;
        do
        {
            progress = false;
            foreach (var name in sections.Keys)
            {
                if (placed.Contains(name) || !parents.TryGetValue(name, out var p) || !placed.Contains(p.Parent!)) continue;
                order.Add(name);
                placed.Add(name);
                progress = true;
            }
        } while (progress);
        var loose = sections.Keys.Where(n => !placed.Contains(n)).ToArray();
        if (loose.Length > 0)
            throw new ExperimentFileException(path,
                $"section(s) {string.Join(", ", loose)} do not connect to the soma; allowed: every section attached, through its parents, to the soma");
        return order;
    }

    private static IReadOnlyList<string> SectionList(JsonSection o, string key, IReadOnlyDictionary<string, RawSection> sections)
    {
        var v = o.Required(key, "a list of section names");
        if (v.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v)} is not allowed; allowed: a list of section names");
        return v.EnumerateArray().Select((s, i) =>
        {
            var name = JsonSection.AsString(s, $"{o.At(key)}[{i}]", "a section name");
            return sections.ContainsKey(name)
                ? name
                : throw new ExperimentFileException($"{o.At(key)}[{i}]", $"section '{name}' is not a section of this cell; allowed: {string.Join(", ", sections.Keys)}");
        }).ToArray();
    }

    internal static Point3 Point(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 3)
            throw new ExperimentFileException(path,
                $"{JsonSection.Describe(v)}{(v.ValueKind == JsonValueKind.Array ? $" of {v.GetArrayLength()} items" : "")} is not allowed; allowed: a point [x, y, z] (µm)");
        var c = v.EnumerateArray().Select((x, i) =>
        {
            var d = JsonSection.AsNumber(x, $"{path}[{i}]", "a coordinate (µm)");
            return double.IsFinite(d) ? d : throw new ExperimentFileException($"{path}[{i}]", "not a finite number; allowed: a coordinate (µm)");
        }).ToArray();
        return new Point3(c[0], c[1], c[2]);
    }

    private static double Positive(JsonSection s, string key, string allowed)
    {
        var v = s.Number(key, allowed: allowed);
        return v > 0 && double.IsFinite(v) ? v : throw new ExperimentFileException(s.At(key), $"{Invalid(v)} is not allowed; allowed: {allowed}");
    }

    private static double Finite(JsonSection s, string key, string allowed)
    {
        var v = s.Number(key, allowed: allowed);
        return double.IsFinite(v) ? v : throw new ExperimentFileException(s.At(key), $"{Invalid(v)} is not allowed; allowed: {allowed}");
    }

    private static string Invalid(double v) => Network.Invalid.Show(v);
}
