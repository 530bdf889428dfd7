using System.Globalization;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// An HNN GUI parameter set as HNN-core's <c>read_params</c> returns it (docs/dev/params.md):
/// the file's values for the keys of the built-in default set, the defaults for the keys the
/// file lacks, and nothing else. Immutable; <see cref="With"/> gives a changed copy.
/// </summary>
public sealed class HnnParams
{
    private readonly List<KeyValuePair<string, ParamValue>> _values;
    private readonly Dictionary<string, int> _index;

    private HnnParams(List<KeyValuePair<string, ParamValue>> values, string sourceName)
    {
        _values = values;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++) _index[values[i].Key] = i;
        SourceName = sourceName;
    }

    /// <summary>The file the values came from (or the name given to <see cref="Parse"/>); used in every error.</summary>
    public string SourceName { get; }

    /// <summary>Keys in the default set's order.</summary>
    public IEnumerable<string> Keys => _values.Select(p => p.Key);

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>; an exact key, else the only key the pattern matches is not enough — see <see cref="Matching"/>.</summary>
    public ParamValue this[string key] =>
        _index.TryGetValue(key, out var i) ? _values[i].Value
            : throw new ParamsFileException(SourceName, $"key '{key}'", "no such key in the parameter set; allowed: one of its keys (or a wildcard pattern with Matching)");

    /// <summary>
    /// HNN-core's <c>params["pattern*"]</c>: the exact key if present, else every key matching the
    /// shell-style pattern, in key order. No match is an error, as in HNN-core (KeyError).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, ParamValue>> Matching(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (_index.TryGetValue(pattern, out var i)) return [_values[i]];
        var re = Wildcard.ToRegex(pattern);
        var matches = _values.Where(p => re.IsMatch(p.Key)).ToArray();
        if (matches.Length == 0)
            throw new ParamsFileException(SourceName, $"key '{pattern}'", "no key matches; allowed: a key of the parameter set or a pattern with * ? [..] that matches one");
        return matches;
    }

    /// <summary>
    /// HNN-core's <c>params[key] = value</c>: sets the key, or every key the pattern matches; a new
    /// key that matches nothing is added (as a plain dict update does, without the default-set filter).
    /// </summary>
    public HnnParams With(string key, ParamValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var copy = new List<KeyValuePair<string, ParamValue>>(_values);
        if (_index.TryGetValue(key, out var i)) copy[i] = new(key, value);
        else
        {
            var re = Wildcard.ToRegex(key);
            var hit = false;
            for (var j = 0; j < copy.Count; j++)
                if (re.IsMatch(copy[j].Key)) { copy[j] = new(copy[j].Key, value); hit = true; }
            if (!hit) copy.Add(new(key, value));
        }
        return new HnnParams(copy, SourceName);
    }

    public HnnParams With(string key, double value) => With(key, ParamValue.Float(value));

    /// <summary>HNN-core's <c>read_params(path)</c>: a <c>.json</c> or legacy <c>.param</c> file.</summary>
    public static HnnParams ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = CheckedExtension(path, path);
        string text;
        try
        {
            text = Recording.InputFile.ReadAllText(path, "params file", Recording.InputFile.ExperimentFileLimit);
        }
        catch (FileNotFoundException e)
        {
            throw new ParamsFileException(path, "", $"the file does not exist (looked for {Path.GetFullPath(path)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParamsFileException(path, "", $"cannot read the file: {e.Message}", e);
        }
        return FromText(text, extension, path);
    }

    /// <summary>
    /// HNN-core's <c>read_params(fname, file_contents)</c>: parses <paramref name="text"/> as the
    /// format of <paramref name="extension"/> (".json" or ".param", or a file name ending so).
    /// </summary>
    public static HnnParams Parse(string text, string extension, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(sourceName);
        var ext = extension is ".json" or ".param" ? extension : CheckedExtension(extension, sourceName);
        return FromText(text, ext, sourceName);
    }

    /// <summary>HNN-core's <c>Params(dict)</c>: the default set, taking <paramref name="values"/> where they give a key.</summary>
    public static HnnParams FromValues(IEnumerable<KeyValuePair<string, ParamValue>> values, string sourceName = "params")
    {
        ArgumentNullException.ThrowIfNull(values);
        return Filtered(values.ToList(), sourceName);
    }

    /// <summary>The built-in set alone (HNN-core's <c>Params()</c>): no evoked inputs.</summary>
    public static HnnParams Defaults() => Filtered([], "defaults");

    private static HnnParams FromText(string text, string extension, string source)
    {
        var pairs = extension == ".json" ? ParamsText.Json(text, source) : ParamsText.Legacy(text, source);
        if (pairs.Count == 0)
            throw new ParamsFileException(source, "", "Failed to read parameters from file (it holds no key); allowed: at least one 'key: value'");
        return Filtered(pairs, source);
    }

    // docs/dev/params.md §3: count the evoked inputs, build the default set for them, keep only its keys.
    private static HnnParams Filtered(List<KeyValuePair<string, ParamValue>> given, string source)
    {
        var (nprox, ndist) = CountEvokedInputs(given.Select(p => p.Key));
        var byKey = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var (k, v) in given) byKey[k] = v;
        var values = ParamsDefaults.For(nprox, ndist)
            .Select(d => new KeyValuePair<string, ParamValue>(d.Key, byKey.TryGetValue(d.Key, out var v) ? v : d.Value))
            .ToList();
        return new HnnParams(values, source);
    }

    /// <summary>Keys starting "t_" that contain "evprox" (else "evdist") count as one evoked input each.</summary>
    internal static (int Prox, int Dist) CountEvokedInputs(IEnumerable<string> keys)
    {
        int prox = 0, dist = 0;
        foreach (var k in keys)
        {
            if (!k.StartsWith("t_", StringComparison.Ordinal)) continue;
            if (k.Contains("evprox", StringComparison.Ordinal)) prox++;
            else if (k.Contains("evdist", StringComparison.Ordinal)) dist++;
        }
        return (prox, dist);
    }

    /// <summary>Python's os.path.splitext: the last '.' of the file name, not counting leading dots.</summary>
    private static string CheckedExtension(string name, string source)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        var stem = file.TrimStart('.');
        var dot = stem.LastIndexOf('.');
        var ext = dot < 0 ? "" : stem[dot..];
        if (ext is ".json" or ".param") return ext;
        throw new ParamsFileException(source, "",
            $"Unrecognized extension, expected one of .json, .param. Got '{ext}'; allowed: a file name ending in .json or .param");
    }

    // Typed reads for the model builders: each error names the file, the key, the value and what is allowed.

    internal double Number(string key)
    {
        var v = this[key];
        if (v.IsNumber && double.IsFinite(v.Number)) return v.Number;
        throw Bad(key, v, "a finite number");
    }

    /// <summary>A Python int (or bool): counts such as repeats_prox, which HNN-core refuses as floats.</summary>
    internal int Integer(string key)
    {
        var v = this[key];
        if (v.Kind is ParamKind.Integer or ParamKind.Bool && v.Number is >= int.MinValue and <= int.MaxValue) return (int)v.Number;
        throw Bad(key, v, "an integer (written without a decimal point)");
    }

    /// <summary>Python's int(x) of a number: a float is truncated toward zero (seed cores).</summary>
    internal long Truncated(string key)
    {
        var v = this[key];
        if (v.IsNumber && double.IsFinite(v.Number) && Math.Abs(v.Number) < 1e15) return (long)Math.Truncate(v.Number);
        throw Bad(key, v, "an integer");
    }

    internal bool Truthy(string key) => this[key].IsTruthy;

    internal ParamsFileException Bad(string key, ParamValue v, string allowed) =>
        new(SourceName, $"key '{key}'", $"{v} is not allowed; allowed: {allowed}");

    public override string ToString() =>
        "{" + string.Join(", ", _values.Select(p => $"'{p.Key}': {p.Value}")) + "}";

    internal static string Show(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
