using System.Text.Json;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Reads one JSON object of an experiment file key by key, remembering which keys were used so
/// that any other key is rejected with its JSON path (docs/experiment-file.md "Strictness").
/// </summary>
internal sealed class JsonSection
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _used = [];

    private JsonSection(JsonElement element, string path)
    {
        _element = element;
        Path = path;
    }

    public string Path { get; }

    /// <summary>An experiment file's JSON (comments allowed); invalid JSON fails with its line and byte.</summary>
    public static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ExperimentFileException($"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", $"not valid JSON: {e.Message}", e);
        }
    }

    public static JsonSection Open(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(path, $"expected a JSON object, got {Describe(element)}");
        var seen = new HashSet<string>();
        foreach (var p in element.EnumerateObject())
            if (!seen.Add(p.Name))
                throw new ExperimentFileException($"{path}.{p.Name}", "the key appears twice; allowed: each key once");
        return new JsonSection(element, path);
    }

    public string At(string key) => $"{Path}.{key}";

    public bool Has(string key)
    {
        if (!_element.TryGetProperty(key, out _)) return false;
        return true;
    }

    public JsonElement? Get(string key)
    {
        _used.Add(key);
        return _element.TryGetProperty(key, out var v) ? v : null;
    }

    public JsonElement Required(string key, string allowed) =>
        Get(key) ?? throw new ExperimentFileException(At(key), $"missing; allowed: {allowed}");

    public string String(string key, string? fallback = null, string allowed = "a string")
    {
        var v = Get(key);
        if (v is null)
            return fallback ?? throw new ExperimentFileException(At(key), $"missing; allowed: {allowed}");
        return AsString(v.Value, At(key), allowed);
    }

    public double Number(string key, double? fallback = null, string allowed = "a number")
    {
        var v = Get(key);
        if (v is null)
            return fallback ?? throw new ExperimentFileException(At(key), $"missing; allowed: {allowed}");
        return AsNumber(v.Value, At(key), allowed);
    }

    /// <summary>A number or JSON null; a missing key gives <paramref name="fallback"/>.</summary>
    public double? NullableNumber(string key, double? fallback, string allowed)
    {
        var v = Get(key);
        if (v is null) return fallback;
        return v.Value.ValueKind == JsonValueKind.Null ? null : AsNumber(v.Value, At(key), allowed);
    }

    public int Int(string key, int? fallback = null, string allowed = "an integer")
    {
        var v = Get(key);
        if (v is null)
            return fallback ?? throw new ExperimentFileException(At(key), $"missing; allowed: {allowed}");
        return AsInt(v.Value, At(key), allowed);
    }

    public long? NullableLong(string key, long? fallback, string allowed)
    {
        var v = Get(key);
        if (v is null) return fallback;
        if (v.Value.ValueKind == JsonValueKind.Null) return null;
        if (v.Value.ValueKind == JsonValueKind.Number && v.Value.TryGetInt64(out var l)) return l;
        throw new ExperimentFileException(At(key), $"{Describe(v.Value)} is not allowed; allowed: {allowed}");
    }

    public long Long(string key, long fallback, string allowed)
    {
        var v = Get(key);
        if (v is null) return fallback;
        if (v.Value.ValueKind == JsonValueKind.Number && v.Value.TryGetInt64(out var l)) return l;
        throw new ExperimentFileException(At(key), $"{Describe(v.Value)} is not allowed; allowed: {allowed}");
    }

    public bool Bool(string key, bool fallback)
    {
        var v = Get(key);
        if (v is null) return fallback;
        return v.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ExperimentFileException(At(key), $"{Describe(v.Value)} is not allowed; allowed: true or false"),
        };
    }

    /// <summary>
    /// Fails on the first key not in <paramref name="allowed"/>, before any value is read, so a
    /// misspelt key is reported as unknown rather than as the missing key it was meant to be.
    /// </summary>
    public void Expect(params string[] allowed)
    {
        foreach (var p in _element.EnumerateObject())
            if (!allowed.Contains(p.Name))
                throw new ExperimentFileException(At(p.Name),
                    "unknown key; allowed keys here: " + string.Join(", ", allowed.Order(StringComparer.Ordinal)));
    }

    /// <summary>Fails on the first key that was never asked for.</summary>
    public void RejectUnknownKeys(IEnumerable<string>? allowedHint = null)
    {
        foreach (var p in _element.EnumerateObject())
            if (!_used.Contains(p.Name))
                throw new ExperimentFileException(At(p.Name),
                    "unknown key; allowed keys here: " + string.Join(", ", (allowedHint ?? _used).Order(StringComparer.Ordinal)));
    }

    public IEnumerable<JsonProperty> Properties() => _element.EnumerateObject();

    public static string AsString(JsonElement v, string path, string allowed) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new ExperimentFileException(path, $"{Describe(v)} is not allowed; allowed: {allowed}");

    public static double AsNumber(JsonElement v, string path, string allowed) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ExperimentFileException(path, $"{Describe(v)} is not allowed; allowed: {allowed}");

    public static int AsInt(JsonElement v, string path, string allowed) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new ExperimentFileException(path, $"{Describe(v)} is not allowed; allowed: {allowed}");

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Null => "null",
        _ => v.ValueKind.ToString(),
    };
}
