using System.Text.Json;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// HNN-core's <c>read_network_configuration</c> (docs/dev/io.md §5.3), strictly: the cells as described,
/// positions and gid ranges as stored (checked against what the cells and drives give), drives
/// re-created from their records and seeds, biases, and the stored connectivity as final.
/// </summary>
internal static class NetworkConfigReader
{
    private static readonly string[] TopKeys =
        ["object_type", "legacy_mode", "N_pyr_x", "N_pyr_y", "celsius", "cell_types", "gid_ranges", "pos_dict", "cell_response",
         "external_drives", "external_biases", "connectivity", "rec_arrays", "threshold", "delay"];

    public static NetworkConfig Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException("$", $"expected a JSON object, got {JsonSection.Describe(root)}");
        // HNN-core checks the type first, with this message.
        var objectType = root.TryGetProperty("object_type", out var t) ? t : (JsonElement?)null;
        if (objectType is not { ValueKind: JsonValueKind.String } ot || ot.GetString() != "Network")
            throw new ExperimentFileException("$.object_type",
                $"The json should encode a Network object. The file contains object of type {(objectType is { } v ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : "None")}; allowed: \"Network\"");
        var o = JsonSection.Open(root, "$");
        o.Expect(TopKeys);
        foreach (var k in TopKeys)
            o.Required(k, "as HNN-core writes it (docs/network-config-file.md)");
        var notes = new List<string>();

        var legacy = o.Bool("legacy_mode", false);
        var mesh = new MeshShape(o.Int("N_pyr_x", allowed: "an integer >= 1"), o.Int("N_pyr_y", allowed: "an integer >= 1"));
        if (mesh.X < 1) throw new ExperimentFileException(o.At("N_pyr_x"), $"{mesh.X} is not allowed; allowed: an integer >= 1");
        if (mesh.Y < 1) throw new ExperimentFileException(o.At("N_pyr_y"), $"{mesh.Y} is not allowed; allowed: an integer >= 1");
        var celsius = o.Number("celsius", allowed: "a temperature in °C");
        if (celsius != Mechanisms.Units.Celsius)
            throw new ExperimentFileException(o.At("celsius"),
                $"{Invalid.Show(celsius)} is not allowed: the channel rates are built for {Invalid.Show(Mechanisms.Units.Celsius)} °C; allowed: {Invalid.Show(Mechanisms.Units.Celsius)}");
        var threshold = o.Number("threshold", allowed: "a threshold in mV");
        if (threshold != SpikeDetector.Threshold)
            throw new ExperimentFileException(o.At("threshold"),
                $"{Invalid.Show(threshold)} is not allowed: the solver detects spikes at {Invalid.Show(SpikeDetector.Threshold)} mV; allowed: {Invalid.Show(SpikeDetector.Threshold)}");
        var delay = o.Number("delay", allowed: "a delay in ms");
        if (!(delay >= 0) || !double.IsFinite(delay))
            throw new ExperimentFileException(o.At("delay"), $"{Invalid.Show(delay)} is not allowed; allowed: a delay >= 0 (ms)");

        var cellTypes = JsonSection.Open(o.Get("cell_types")!.Value, o.At("cell_types"));
        var cells = cellTypes.Properties().Select(p => ConfigCellReader.Read(p.Name, p.Value, $"{cellTypes.Path}.{p.Name}")).ToArray();
        if (cells.Length == 0) throw new ExperimentFileException(cellTypes.Path, "no cell types; allowed: at least one cell type");
        var templates = cells.Select(c => At($"{cellTypes.Path}.{c.TypeName}", () => ConfigCells.ToTemplate(c))).ToArray();
        var builtIn = cells.Select((c, i) => CellTemplates.IsKnown(c.TypeName) && ReferenceEquals(templates[i], CellTemplates.ForType(c.TypeName))).ToArray();

        var gidRanges = ReadGidRanges(o.Get("gid_ranges")!.Value, o.At("gid_ranges"));
        var drivesSection = JsonSection.Open(o.Get("external_drives")!.Value, o.At("external_drives"));
        var driveNames = drivesSection.Properties().Select(p => p.Name).ToHashSet();
        var (populations, origin) = ReadPositions(o.Get("pos_dict")!.Value, o.At("pos_dict"), cells, templates, driveNames);
        var net = At("$", () => NetworkSpec.FromCells(mesh, legacy, populations, origin, threshold, delay, celsius));

        // Drives in ascending order of their first gid, as HNN-core re-adds them.
        var connectivity = o.Get("connectivity")!.Value;
        foreach (var p in drivesSection.Properties().OrderBy(p => gidRanges.TryGetValue(p.Name, out var r) ? r.Start : int.MaxValue))
        {
            var path = $"{drivesSection.Path}.{p.Name}";
            if (!gidRanges.ContainsKey(p.Name))
                throw new ExperimentFileException(o.At("gid_ranges"), $"drive '{p.Name}' has no gid range; allowed: a range for every cell type and drive");
            var current = net;
            net = At(path, () => ConfigDriveReader.Add(current, p.Name, p.Value, path, ConfigConnectivityReader.SpaceConstantOf(connectivity, p.Name), notes));
        }
        CheckGidRanges(net, gidRanges, o.At("gid_ranges"));

        net = ReadBiases(net, o.Get("external_biases")!.Value, o.At("external_biases"));
        net = net.WithStoredConnections(ConfigConnectivityReader.Read(net, connectivity, o.At("connectivity")));

        var response = o.Get("cell_response")!.Value;
        if (response.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(o.At("cell_response"), $"{JsonSection.Describe(response)} is not allowed; allowed: an object ({{}} as HNN-core writes it)");
        if (response.EnumerateObject().Any())
            notes.Add("$.cell_response: the stored simulation results are ignored, as HNN-core's reader ignores them");
        var arrays = o.Get("rec_arrays")!.Value;
        if (arrays.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(o.At("rec_arrays"), $"{JsonSection.Describe(arrays)} is not allowed; allowed: an object");
        foreach (var a in arrays.EnumerateObject())
            notes.Add($"$.rec_arrays.{a.Name}: extracellular electrode arrays are not simulated; the array is ignored (spikes and dipoles do not depend on it)");
        o.RejectUnknownKeys();
        return new NetworkConfig(net, notes)
        {
            HasBuiltInCells = builtIn.All(b => b),
        };
    }

    private static Dictionary<string, GidRange> ReadGidRanges(JsonElement e, string path)
    {
        var o = JsonSection.Open(e, path);
        var result = new Dictionary<string, GidRange>();
        foreach (var p in o.Properties())
        {
            var r = JsonSection.Open(p.Value, $"{path}.{p.Name}");
            r.Expect("start", "stop");
            var start = r.Int("start", allowed: "an integer >= 0");
            var stop = r.Int("stop", allowed: "an integer >= start");
            if (start < 0 || stop < start)
                throw new ExperimentFileException(r.Path, $"{{start: {start}, stop: {stop}}} is not allowed; allowed: 0 <= start <= stop");
            r.RejectUnknownKeys();
            result[p.Name] = new GidRange(p.Name, start, stop);
        }
        return result;
    }

    private static (CellPopulation[] Cells, Position Origin) ReadPositions(JsonElement e, string path,
        IReadOnlyList<CellDescription> cells, IReadOnlyList<CellTemplate> templates, IReadOnlySet<string> drives)
    {
        var o = JsonSection.Open(e, path);
        var allowed = cells.Select(c => c.TypeName).Append("origin").Concat(drives).ToArray();
        o.Expect(allowed);
        var origin = Position(o.Required("origin", "[x, y, z]"), o.At("origin"));
        var populations = cells.Select((c, k) =>
        {
            var list = o.Required(c.TypeName, "a list of [x, y, z] positions");
            if (list.ValueKind != JsonValueKind.Array)
                throw new ExperimentFileException(o.At(c.TypeName), $"{JsonSection.Describe(list)} is not allowed; allowed: a list of [x, y, z] positions");
            var positions = list.EnumerateArray().Select((p, i) => Position(p, $"{o.At(c.TypeName)}[{i}]")).ToArray();
            return new CellPopulation(c.TypeName, positions, templates[k]);
        }).ToArray();
        // Drive cells sit at the origin whatever the file lists for them (HNN-core overwrites those entries too).
        foreach (var d in drives) o.Get(d);
        o.RejectUnknownKeys();
        return (populations, origin);
    }

    private static Position Position(JsonElement v, string path)
    {
        var p = ConfigCellReader.Point(v, path);
        return new Position(p.X, p.Y, p.Z);
    }

    private static void CheckGidRanges(NetworkSpec net, IReadOnlyDictionary<string, GidRange> stored, string path)
    {
        var built = net.GidRanges;
        foreach (var r in built)
        {
            if (!stored.TryGetValue(r.Name, out var s))
                throw new ExperimentFileException(path, $"'{r.Name}' has no gid range; allowed: a range for every cell type and drive");
            if (s.Start != r.Start || s.Stop != r.Stop)
                throw new ExperimentFileException($"{path}.{r.Name}",
                    $"{{start: {s.Start}, stop: {s.Stop}}} is not allowed: the cells and drives before it and its {r.Count} " +
                    $"{(net.IsCellType(r.Name) ? "positions in pos_dict" : "drive cells")} give {{start: {r.Start}, stop: {r.Stop}}}; allowed: {{start: {r.Start}, stop: {r.Stop}}}");
        }
        foreach (var name in stored.Keys)
            if (!built.Any(r => r.Name == name))
                throw new ExperimentFileException($"{path}.{name}", "not a cell type or drive of this file; allowed: the names in cell_types and external_drives");
    }

    private static NetworkSpec ReadBiases(NetworkSpec net, JsonElement e, string path)
    {
        var all = JsonSection.Open(e, path);
        foreach (var bias in all.Properties())
        {
            var perType = JsonSection.Open(bias.Value, $"{path}.{bias.Name}");
            foreach (var p in perType.Properties())
            {
                var b = JsonSection.Open(p.Value, $"{perType.Path}.{p.Name}");
                b.Expect("amplitude", "t0", "tstop", "section");
                var amplitude = b.Number("amplitude", allowed: "a current in nA");
                var t0 = b.Number("t0", allowed: "a time in ms");
                if (!b.Has("tstop")) throw new ExperimentFileException(b.At("tstop"), "missing; allowed: a time in ms or null (end of simulation)");
                var tstop = b.NullableNumber("tstop", null, "a time in ms or null");
                var section = b.String("section", allowed: "a section name");
                b.RejectUnknownKeys();
                var current = net;
                net = At(b.Path, () => current.AddTonicBias(new Dictionary<string, double> { [p.Name] = amplitude }, t0, tstop, section, bias.Name));
            }
        }
        return net;
    }

    private static T At<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new ExperimentFileException(path, UserMessage.Of(e), e);
        }
    }
}
