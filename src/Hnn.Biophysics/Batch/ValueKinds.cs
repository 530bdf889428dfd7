using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hnn.Biophysics.Batch;

/// <summary>The JSON forms an experiment value may take, so a sweep value of the wrong form fails before any job runs.</summary>
[Flags]
internal enum ValueKinds
{
    None = 0,
    Number = 1,
    Integer = 2,
    String = 4,
    Bool = 8,
    Null = 16,
    Array = 32,
    Object = 64,
    NumberDict = 128,
    IntPair = 256,
    Any = Number | String | Bool | Null | Array | Object,
}

internal static class ValueKindsExtensions
{
    public static bool Accepts(this ValueKinds kinds, JsonNode? v)
    {
        if (v is null) return kinds.HasFlag(ValueKinds.Null);
        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                return kinds.HasFlag(ValueKinds.Number) || (kinds.HasFlag(ValueKinds.Integer) && IsInteger(v));
            case JsonValueKind.String:
                return kinds.HasFlag(ValueKinds.String);
            case JsonValueKind.True or JsonValueKind.False:
                return kinds.HasFlag(ValueKinds.Bool);
            case JsonValueKind.Array:
                var a = v.AsArray();
                return kinds.HasFlag(ValueKinds.Array)
                    || (kinds.HasFlag(ValueKinds.IntPair) && a.Count == 2 && a.All(i => i is not null && i.GetValueKind() == JsonValueKind.Number && IsInteger(i)));
            case JsonValueKind.Object:
                return kinds.HasFlag(ValueKinds.Object)
                    || (kinds.HasFlag(ValueKinds.NumberDict) && v.AsObject().All(p => p.Value is not null && p.Value.GetValueKind() == JsonValueKind.Number));
            default:
                return false;
        }
    }

    /// <summary>Whether numbers (a range, a sample) can go here at all.</summary>
    public static bool TakesNumbers(this ValueKinds kinds) => (kinds & (ValueKinds.Number | ValueKinds.Integer)) != 0;

    public static string Describe(this ValueKinds kinds)
    {
        if (kinds == ValueKinds.Any) return "any JSON value";
        var parts = new List<string>();
        if (kinds.HasFlag(ValueKinds.Number)) parts.Add("a number");
        else if (kinds.HasFlag(ValueKinds.Integer)) parts.Add("an integer");
        if (kinds.HasFlag(ValueKinds.String)) parts.Add("a string");
        if (kinds.HasFlag(ValueKinds.Bool)) parts.Add("true or false");
        if (kinds.HasFlag(ValueKinds.IntPair)) parts.Add("two integers, e.g. [10, 10]");
        if (kinds.HasFlag(ValueKinds.NumberDict)) parts.Add("a dict cell type → number");
        if (kinds.HasFlag(ValueKinds.Array)) parts.Add("an array");
        if (kinds.HasFlag(ValueKinds.Object)) parts.Add("an object");
        if (kinds.HasFlag(ValueKinds.Null)) parts.Add("null");
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " or " + parts[^1];
    }

    /// <summary>How a value is shown in a message: its compact JSON.</summary>
    public static string Show(JsonNode? v) => v?.ToJsonString(Compact) ?? "null";

    // Readable in a results table: "µ" and "+" stay as they are (the text is data, never HTML).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A number node's value, whatever CLR type it was created from.</summary>
    internal static double NumberOf(JsonNode v)
    {
        var value = v.AsValue();
        if (value.TryGetValue<double>(out var d)) return d;
        if (value.TryGetValue<long>(out var l)) return l;
        if (value.TryGetValue<int>(out var i)) return i;
        return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static bool IsInteger(JsonNode v)
    {
        var d = NumberOf(v);
        return double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) <= 9007199254740992.0;
    }
}
