using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// Parses a sweep file's "summaries" array strictly (docs/summaries.md): each entry a summary's name or
/// {name: {options}}; unknown names and keys, wrong types, impossible values and unreadable target
/// files fail with the JSON path and what is allowed.
/// </summary>
internal static class SummaryListReader
{
    private const string AllowedEntries =
        "\"spike_counts\", \"dipole_peak\", {\"dipole_peak\": {\"smooth\": ms, \"scale\": factor}} or " +
        "{\"dipole_rmse\": {\"target\": \"file.txt\", ...}} or {\"psd_band\": {\"fmin\": Hz, \"fmax\": Hz}}";

    private static readonly string[] Columns = [Dipole.Agg, Dipole.L2, Dipole.L5];

    public static IReadOnlyList<SummarySpec> Read(JsonElement summaries, string jsonPath, string baseDirectory)
    {
        if (summaries.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(jsonPath, $"{JsonSection.Describe(summaries)} is not allowed; allowed: a JSON array of {AllowedEntries}");
        var specs = new List<SummarySpec>();
        var seen = new HashSet<string>();
        var i = 0;
        foreach (var entry in summaries.EnumerateArray())
        {
            var path = $"{jsonPath}[{i++}]";
            var (spec, label) = ReadEntry(entry, path, baseDirectory);
            if (!seen.Add($"{spec.Name}/{label}"))
                throw new ExperimentFileException(path, label is null
                    ? $"a second \"{spec.Name}\" entry; allowed: each summary once, or dipole summaries with distinct \"name\"s"
                    : $"a second \"{spec.Name}\" entry named \"{label}\"; allowed: distinct \"name\"s");
            specs.Add(spec);
        }
        return specs;
    }

    private static (SummarySpec Spec, string? Label) ReadEntry(JsonElement entry, string path, string baseDirectory)
    {
        if (entry.ValueKind == JsonValueKind.String)
            return entry.GetString() switch
            {
                SpikeCountsSummary.Kind => (new SpikeCountsSummary(), null),
                DipolePeakSummary.Kind => (new DipolePeakSummary(new DipolePreparation(1.0, null), null), null),
                PsdBandSummary.Kind => throw new ExperimentFileException(path,
                    "\"psd_band\" needs its band; allowed: {\"psd_band\": {\"fmin\": 15, \"fmax\": 30}}"),
                DipoleRmseSummary.Kind => throw new ExperimentFileException(path,
                    "\"dipole_rmse\" needs its target; allowed: {\"dipole_rmse\": {\"target\": \"file.txt\"}}"),
                var other => throw new ExperimentFileException(path, $"\"{other}\" is not allowed; allowed: {AllowedEntries}"),
            };
        if (entry.ValueKind != JsonValueKind.Object)
            throw new ExperimentFileException(path, $"{JsonSection.Describe(entry)} is not allowed; allowed: {AllowedEntries}");
        var properties = entry.EnumerateObject().ToArray();
        if (properties.Length != 1)
            throw new ExperimentFileException(path, $"an object with {properties.Length} keys; allowed: one key, the summary's name ({AllowedEntries})");
        var (kind, options) = (properties[0].Name, properties[0].Value);
        var at = $"{path}.{kind}";
        switch (kind)
        {
            case SpikeCountsSummary.Kind:
                var counts = JsonSection.Open(options, at);
                if (counts.Properties().Select(p => p.Name).FirstOrDefault() is { } key)
                    throw new ExperimentFileException(counts.At(key), "unknown key; spike_counts takes no options; allowed: \"spike_counts\" or {\"spike_counts\": {}}");
                return (new SpikeCountsSummary(), null);
            case DipolePeakSummary.Kind:
            {
                var o = JsonSection.Open(options, at);
                o.Expect("name", "scale", "smooth");
                var label = Label(o);
                var spec = new DipolePeakSummary(Preparation(o), label);
                o.RejectUnknownKeys();
                return (spec, label);
            }
            case DipoleRmseSummary.Kind:
                return ReadRmse(JsonSection.Open(options, at), baseDirectory);
            case PsdBandSummary.Kind:
                return ReadPsdBand(JsonSection.Open(options, at));
            default:
                throw new ExperimentFileException(at, $"unknown summary \"{kind}\"; allowed: spike_counts, dipole_peak, dipole_rmse, psd_band");
        }
    }

    private static (SummarySpec, string?) ReadRmse(JsonSection o, string baseDirectory)
    {
        o.Expect("target", "smooth", "scale", "column", "tstart", "tstop", "name");
        var file = o.String("target", allowed: "the path of an HNN-core dipole text file, relative to the sweep file's folder");
        var (target, sha256) = ReadTarget(file, o.At("target"), baseDirectory);
        var label = Label(o);
        var preparation = Preparation(o);
        var column = o.String("column", Dipole.Agg, "\"agg\", \"L2\" or \"L5\"");
        if (!Columns.Contains(column))
            throw new ExperimentFileException(o.At("column"), $"\"{column}\" is not allowed; allowed: \"agg\", \"L2\" or \"L5\"");
        if (!target.Order.Contains(column))
            throw new ExperimentFileException(o.At("column"),
                $"\"{column}\" is not in the target file '{file}', which has only {string.Join(", ", target.Order)}; allowed: {string.Join(", ", target.Order.Select(c => $"\"{c}\""))}");
        var tstart = o.NullableNumber("tstart", null, "a time in ms, or null for the start of the overlap of both dipoles");
        var tstop = o.NullableNumber("tstop", null, "a time in ms, or null for the end of the overlap of both dipoles");
        if (tstart is { } a && tstop is { } b && !(a < b))
            throw new ExperimentFileException(o.At("tstop"), Invariant($"{b} is not after tstart {a}; allowed: tstop > tstart"));
        CheckWindowHoldsTarget(target, tstart, tstop, o, file);
        o.RejectUnknownKeys();
        return (new DipoleRmseSummary(target, sha256, preparation, column, tstart, tstop, label), label);
    }

    private static (SummarySpec, string?) ReadPsdBand(JsonSection o)
    {
        o.Expect("fmin", "fmax", "weight", "smooth", "scale", "name");
        const string hz = "a frequency in Hz (a finite number >= 0)";
        var fmin = o.Number("fmin", null, hz);
        if (!(fmin >= 0) || !double.IsFinite(fmin)) throw new ExperimentFileException(o.At("fmin"), Invariant($"{fmin} is not allowed; allowed: {hz}"));
        var fmax = o.Number("fmax", null, hz);
        if (!double.IsFinite(fmax) || !(fmax >= fmin))
            throw new ExperimentFileException(o.At("fmax"), Invariant($"{fmax} is not allowed; allowed: a finite frequency in Hz >= fmin ({fmin})"));
        var weight = o.Number("weight", 1.0, "a finite number (the band's weight)");
        if (!double.IsFinite(weight)) throw new ExperimentFileException(o.At("weight"), Invariant($"{weight} is not allowed; allowed: a finite number"));
        var label = Label(o);
        var preparation = Preparation(o);
        o.RejectUnknownKeys();
        return (new PsdBandSummary(fmin, fmax, weight, preparation, label), label);
    }

    internal static (Dipole Target, string Sha256) ReadTarget(string file, string path, string baseDirectory, string owner = "sweep file")
    {
        var allowed = $"allowed: an HNN-core dipole text file (columns time, agg or time, agg, L2, L5) relative to the {owner}'s folder";
        if (file.Trim().Length == 0) throw new ExperimentFileException(path, $"an empty file name; {allowed}");
        var full = Path.GetFullPath(Path.Combine(baseDirectory, file));
        if (!File.Exists(full)) throw new ExperimentFileException(path, $"no file '{full}' (\"{file}\" from the {owner}'s folder); {allowed}");
        Dipole target;
        string sha256;
        try
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full)));
            target = Dipole.Read(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            var reason = e.Message.StartsWith(full + ":", StringComparison.Ordinal) ? e.Message[(full.Length + 1)..].Trim() : e.Message;
            throw new ExperimentFileException(path, $"cannot use target dipole file '{full}': {reason.TrimEnd('.')}; {allowed}", e);
        }
        var t = target.Times;
        for (var k = 0; k < t.Length; k++)
            if (!double.IsFinite(t[k]) || (k > 0 && !(t[k] > t[k - 1])))
                throw new ExperimentFileException(path, Invariant(
                    $"target dipole file '{full}' row {k + 1}: time {t[k]} is not a finite time after the previous row's; allowed: strictly increasing times (ms)"));
        foreach (var column in target.Order)
            for (var k = 0; k < t.Length; k++)
                if (!double.IsFinite(target[column][k]))
                    throw new ExperimentFileException(path, Invariant($"target dipole file '{full}' row {k + 1}: {column} is {target[column][k]}; allowed: finite numbers"));
        return (target, sha256);
    }

    // The window must hold at least one sample step of the target even before the simulation's range is known.
    private static void CheckWindowHoldsTarget(Dipole target, double? tstart, double? tstop, JsonSection o, string file)
    {
        var t = target.Times;
        var start = Math.Max(tstart ?? t[0], t[0]);
        var stop = Math.Min(tstop ?? t[^1], t[^1]);
        int Nearest(double v) => Enumerable.Range(0, t.Length).MinBy(k => Math.Abs(t[k] - v));
        if (Nearest(stop) - Nearest(start) < 1)
            throw new ExperimentFileException(o.At(tstart is null ? "tstop" : "tstart"),
                Invariant($"the window {(object?)tstart ?? "(start)"} … {(object?)tstop ?? "(end)"} ms holds no sample step of the target '{file}' ({t[0]} … {t[^1]} ms); allowed: a window overlapping the target"));
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private static string? Label(JsonSection o)
    {
        if (o.Get("name") is not { } v) return null;
        var name = JsonSection.AsString(v, o.At("name"), SummaryLabel.Allowed);
        if (!SummaryLabel.IsValid(name)) throw new ExperimentFileException(o.At("name"), $"\"{name}\" is not allowed; allowed: {SummaryLabel.Allowed}");
        return name;
    }

    private static DipolePreparation Preparation(JsonSection o)
    {
        var scale = o.Number("scale", 1.0, "a non-zero number (the factor applied to every trial's dipole)");
        if (scale == 0) throw new ExperimentFileException(o.At("scale"), "0 is not allowed; allowed: a non-zero number");
        var smooth = o.NullableNumber("smooth", null, "a Hamming window length in ms (a number >= 1), or null for none");
        if (smooth is { } s && !(s >= 1))
            throw new ExperimentFileException(o.At("smooth"), Invariant($"{s} is not allowed; allowed: a Hamming window length in ms (a number >= 1), or null for none"));
        return new DipolePreparation(scale, smooth);
    }
}
