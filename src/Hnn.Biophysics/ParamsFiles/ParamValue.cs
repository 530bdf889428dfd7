using System.Globalization;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>What kind of value a params-file key holds, with Python's typing (docs/dev/params.md §2).</summary>
public enum ParamKind { Integer, Float, Bool, String, Null, Other }

/// <summary>
/// One value of a params file as HNN-core would hold it: a Python int, float, bool, str or None
/// (or, from JSON, a nested list/object kept as its text). The int/float distinction matters:
/// HNN-core refuses a float where it needs a count (e.g. <c>repeats_prox</c>).
/// </summary>
public sealed record ParamValue
{
    private ParamValue(ParamKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public ParamKind Kind { get; }

    /// <summary>The numeric value of an Integer, Float or Bool (1/0); NaN otherwise.</summary>
    public double Number { get; }

    /// <summary>The text of a String, or the JSON text of an Other value; null otherwise.</summary>
    public string? Text { get; }

    public bool IsNumber => Kind is ParamKind.Integer or ParamKind.Float or ParamKind.Bool;

    public static ParamValue Integer(long value) => new(ParamKind.Integer, value, null);

    public static ParamValue Float(double value) => new(ParamKind.Float, value, null);

    public static ParamValue Bool(bool value) => new(ParamKind.Bool, value ? 1 : 0, null);

    public static ParamValue String(string value) => new(ParamKind.String, double.NaN, value ?? throw new ArgumentNullException(nameof(value)));

    public static ParamValue Null { get; } = new(ParamKind.Null, double.NaN, null);

    internal static ParamValue Other(string json) => new(ParamKind.Other, double.NaN, json);

    /// <summary>Python truthiness: non-zero numbers, true, non-empty strings.</summary>
    public bool IsTruthy => Kind switch
    {
        ParamKind.Integer or ParamKind.Float or ParamKind.Bool => Number != 0,
        ParamKind.String => Text!.Length > 0,
        ParamKind.Null => false,
        _ => Text is not ("[]" or "{}"),
    };

    /// <summary>The value as Python would print it: 10, 0.025, True, 'normal', None.</summary>
    public override string ToString() => Kind switch
    {
        ParamKind.Integer => Number.ToString("R", CultureInfo.InvariantCulture),
        ParamKind.Float => PythonFloat(Number),
        ParamKind.Bool => Number != 0 ? "True" : "False",
        ParamKind.String => $"'{Text}'",
        ParamKind.Null => "None",
        _ => Text!,
    };

    private static string PythonFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
