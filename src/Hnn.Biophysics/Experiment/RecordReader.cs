using System.Text.Json;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// The experiment's <c>"record": {"vsec": "soma" | "all" | false, "isec": …, "ca": …}</c> (docs/experiment-file.md),
/// HNN-core's record_vsec, record_isec and record_ca; each key optional, false or null meaning none.
/// </summary>
internal static class RecordReader
{
    private const string Allowed = "\"soma\", \"all\", false or null";

    public static RecordSpec Read(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null) return RecordSpec.Nothing;
        var o = JsonSection.Open(e, path);
        o.Expect("vsec", "isec", "ca");
        var spec = new RecordSpec(Scope(o, "vsec"), Scope(o, "isec"), Scope(o, "ca"));
        o.RejectUnknownKeys();
        return spec;
    }

    public static void Write(Utf8JsonWriter w, RecordSpec spec)
    {
        w.WriteStartObject("record");
        foreach (var (key, scope) in new[] { ("vsec", spec.Vsec), ("isec", spec.Isec), ("ca", spec.Ca) })
        {
            if (RecordSpec.Show(scope) is { } s) w.WriteString(key, s);
            else w.WriteBoolean(key, false);
        }
        w.WriteEndObject();
    }

    private static RecordScope Scope(JsonSection o, string key) => o.Get(key) switch
    {
        null => RecordScope.None,
        { ValueKind: JsonValueKind.Null or JsonValueKind.False } => RecordScope.None,
        { ValueKind: JsonValueKind.String } v when v.GetString() is "soma" or "all" => RecordSpec.ParseScope(key, v.GetString()),
        { } v => throw new ExperimentFileException(o.At(key), $"{JsonSection.Describe(v)} is not allowed; allowed: {Allowed}"),
    };
}
