using System.Text.Json;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// The experiment's <c>"electrode_arrays": {"NAME": {"positions": [[x, y, z], …], "conductivity": 0.3, "method": "psa",
/// "min_distance": 0.5}, …}</c> (docs/experiment-file.md): HNN-core's add_electrode_array, one per key, in file order.
/// </summary>
internal static class ElectrodeArrayReader
{
    public static IReadOnlyList<ElectrodeArraySpec> Read(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null) return [];
        if (e.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(path, $"{JsonSection.Describe(e)} is not allowed; allowed: an object name → {{\"positions\": [[x, y, z], …], …}}");
        var arrays = new List<ElectrodeArraySpec>();
        foreach (var p in e.EnumerateObject())
        {
            var at = $"{path}.{p.Name}";
            var o = JsonSection.Open(p.Value, at);
            o.Expect("positions", "conductivity", "method", "min_distance");
            var positions = Positions(o.Required("positions", "a list of [x, y, z] positions in µm"), o.At("positions"));
            var conductivity = o.Number("conductivity", 0.3, "the extracellular conductivity in S/m (a number > 0)");
            var method = o.String("method", "psa", "\"psa\" or \"lsa\"");
            var minDistance = o.Number("min_distance", 0.5, "the smallest source distance in µm (a number > 0)");
            o.RejectUnknownKeys();
            try
            {
                arrays.Add(new ElectrodeArraySpec(p.Name, positions, conductivity, method, minDistance));
            }
            catch (ArgumentException ex)
            {
                var key = ex.ParamName switch { "minDistance" => "min_distance", { } n when n.StartsWith("positions", StringComparison.Ordinal) => "positions", { } n => n, _ => "" };
                throw new ExperimentFileException(key.Length > 0 ? $"{at}.{key}" : at, UserMessage.Of(ex), ex);
            }
        }
        return arrays;
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<ElectrodeArraySpec> arrays)
    {
        w.WriteStartObject("electrode_arrays");
        foreach (var a in arrays)
        {
            w.WriteStartObject(a.Name);
            w.WriteStartArray("positions");
            foreach (var p in a.Positions)
            {
                w.WriteStartArray();
                w.WriteNumberValue(p.X);
                w.WriteNumberValue(p.Y);
                w.WriteNumberValue(p.Z);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteNumber("conductivity", a.Conductivity);
            w.WriteString("method", a.Method);
            w.WriteNumber("min_distance", a.MinDistance);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static Point3[] Positions(JsonElement e, string path)
    {
        const string allowed = "a list of [x, y, z] positions in µm";
        if (e.ValueKind != JsonValueKind.Array) throw new ExperimentFileException(path, $"{JsonSection.Describe(e)} is not allowed; allowed: {allowed}");
        return e.EnumerateArray().Select((p, i) =>
        {
            var at = $"{path}[{i}]";
            if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 3)
                throw new ExperimentFileException(at, $"{JsonSection.Describe(p)} is not allowed; allowed: three numbers [x, y, z] (µm)");
            var xyz = p.EnumerateArray().Select((v, j) => JsonSection.AsNumber(v, $"{at}[{j}]", "a number (µm)")).ToArray();
            return new Point3(xyz[0], xyz[1], xyz[2]);
        }).ToArray();
    }
}
