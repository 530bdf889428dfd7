using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hnn.Host.Files;

/// <summary>
/// A finished job as `DIR/jobs/&lt;id&gt;/result.json` keeps it (docs/batch.md): the row of
/// results.csv, and the key by which a rerun on the same folder recognises the job as done.
/// </summary>
internal sealed record BatchJobRecord(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, string> Parameters,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("summaries")] IReadOnlyDictionary<string, double> Summaries,
    [property: JsonPropertyName("wall_s")] double WallSeconds,
    [property: JsonPropertyName("node")] string Node)
{
    public const string Done = "done", Failed = "failed";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a record back; null if the file is missing or not a record (a job that never finished).</summary>
    public static BatchJobRecord? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BatchJobRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
