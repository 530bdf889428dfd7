using System.Text;
using System.Text.Json;

namespace Hnn.Biophysics.Analysis;

/// <summary>Writes a summary's normalised JSON: {"kind": {keys in alphabetical order}}, numbers round-trip.</summary>
internal static class CanonicalJson
{
    public static string Write(string kind, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject(kind);
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void NullableNumber(Utf8JsonWriter w, string key, double? value)
    {
        if (value is { } v) w.WriteNumber(key, v);
        else w.WriteNull(key);
    }

    public static void NullableString(Utf8JsonWriter w, string key, string? value)
    {
        if (value is { } v) w.WriteString(key, v);
        else w.WriteNull(key);
    }
}
