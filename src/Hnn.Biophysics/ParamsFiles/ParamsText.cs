using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// Turns the text of a params file into ordered (key, value) pairs with Python's typing
/// (docs/dev/params.md §2): a flat JSON object, or legacy <c>key: value</c> lines.
/// A repeated key keeps its last value, as a Python dict does.
/// </summary>
internal static partial class ParamsText
{
    public static List<KeyValuePair<string, ParamValue>> Json(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ParamsFileException(source, $"line {e.LineNumber + 1}", $"not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ParamsFileException(source, "", $"params_input must be dict or None. Got {Describe(doc.RootElement)}; allowed: a JSON object {{\"key\": value, ...}}");
            var result = new List<KeyValuePair<string, ParamValue>>();
            foreach (var p in doc.RootElement.EnumerateObject())
                Set(result, p.Name, FromJson(p.Value));
            return result;
        }
    }

    private static ParamValue FromJson(JsonElement v) => v.ValueKind switch
    {
        // Python's json: a number without '.', 'e' or 'E' is an int, else a float.
        JsonValueKind.Number when v.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 =>
            v.TryGetInt64(out var l) ? ParamValue.Integer(l) : ParamValue.Float(v.GetDouble()),
        JsonValueKind.Number => ParamValue.Float(v.GetDouble()),
        JsonValueKind.True => ParamValue.Bool(true),
        JsonValueKind.False => ParamValue.Bool(false),
        JsonValueKind.String => ParamValue.String(v.GetString()!),
        JsonValueKind.Null => ParamValue.Null,
        _ => ParamValue.Other(v.GetRawText()),
    };

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Array => "a JSON array",
        JsonValueKind.String => "a JSON string",
        JsonValueKind.Number => "a JSON number",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Legacy <c>.param</c> lines: exactly one ':' per line; the value is a float if it contains
    /// '.' or 'e', else an int, and a string when it does not parse as that number.
    /// </summary>
    public static List<KeyValuePair<string, ParamValue>> Legacy(string text, string source)
    {
        var result = new List<KeyValuePair<string, ParamValue>>();
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var fields = lines[i].TrimStart().Split(':');
            if (fields.Length != 2)
                throw new ParamsFileException(source, $"line {i + 1}",
                    $"'{Shorten(lines[i])}' has {(fields.Length < 2 ? "no" : (fields.Length - 1).ToString(CultureInfo.InvariantCulture))} ':' " +
                    "(HNN-core cannot read it either); allowed: one 'key: value' per line, no empty lines");
            Set(result, fields[0].Trim(), TypedValue(fields[1].Trim()));
        }
        return result;
    }

    private static ParamValue TypedValue(string value)
    {
        if (value.Contains('.') || value.Contains('e'))
            return PythonFloat(value) is { } f ? ParamValue.Float(f) : ParamValue.String(value);
        if (IntLiteral().IsMatch(value))
        {
            var digits = value.Replace("_", "");
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? ParamValue.Integer(l)
                : ParamValue.Float(double.Parse(digits, CultureInfo.InvariantCulture));
        }
        return ParamValue.String(value);
    }

    /// <summary>Python's float(): a decimal literal (digits may be grouped by '_'), inf, infinity or nan.</summary>
    private static double? PythonFloat(string s)
    {
        if (FloatLiteral().IsMatch(s))
            return double.Parse(s.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);
        var m = SpecialFloat().Match(s);
        if (!m.Success) return null;
        var negative = m.Groups[1].Value == "-";
        return m.Groups[2].Value.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN
            : negative ? double.NegativeInfinity : double.PositiveInfinity;
    }

    [GeneratedRegex(@"^[+-]?\d(_?\d)*$")]
    private static partial Regex IntLiteral();

    [GeneratedRegex(@"^[+-]?((\d(_?\d)*)?\.\d(_?\d)*|\d(_?\d)*\.?)([eE][+-]?\d(_?\d)*)?$")]
    private static partial Regex FloatLiteral();

    [GeneratedRegex(@"^([+-]?)(inf|infinity|nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex SpecialFloat();

    /// <summary>Python's str.splitlines(): every line break it knows, no empty last line.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                lines.Add(line.ToString());
                line.Clear();
            }
            else line.Append(c);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static void Set(List<KeyValuePair<string, ParamValue>> pairs, string key, ParamValue value)
    {
        var i = pairs.FindIndex(p => p.Key == key);
        if (i >= 0) pairs[i] = new(key, value);
        else pairs.Add(new(key, value));
    }
}
