using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Experiment;

namespace Hnn.Biophysics.Batch;

/// <summary>Everything a sweep file says, read strictly but not yet expanded.</summary>
internal sealed record SweepDefinition(
    ExperimentSpec Experiment, string ExperimentDirectory, IReadOnlyList<SweepParameter> Parameters,
    string Combine, int? NSamples, long? Seed, int? NTrials, IReadOnlyList<string> Keep, JsonElement Summaries);

/// <summary>
/// Reads a sweep file (docs/sweep-file.md) strictly: unknown keys, wrong JSON types and missing
/// keys fail with their JSON path; the experiment it names must itself be valid.
/// </summary>
internal static class SweepReader
{
    public static readonly IReadOnlyList<string> KeepKinds = ["summary", "spikes", "dipole"];

    public static SweepDefinition Parse(string json, string baseDirectory)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new SweepFileException(null, $"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", $"not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            try
            {
                return Read(doc.RootElement, baseDirectory);
            }
            catch (ExperimentFileException e)
            {
                // JsonSection's errors keep their path; they are sweep errors here.
                throw new SweepFileException(null, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
            }
        }
    }

    private static SweepDefinition Read(JsonElement element, string baseDirectory)
    {
        var root = JsonSection.Open(element, "$");
        root.Expect("experiment", "parameters", "combine", "n_samples", "seed", "n_trials", "keep", "summaries");
        var (experiment, experimentDirectory) = ReadExperiment(root.Required("experiment",
            "a path to an experiment file (relative to the sweep file) or an inline experiment object"), baseDirectory);
        var parameters = root.Required("parameters", "a list of {\"path\": …, \"values\" | \"range\" | \"sample\": …}");
        if (parameters.ValueKind != JsonValueKind.Array)
            throw new SweepFileException(null, "$.parameters", $"{JsonSection.Describe(parameters)} is not allowed; allowed: a JSON array of parameters");
        var list = parameters.EnumerateArray().Select((p, j) => ReadParameter(p, $"$.parameters[{j}]")).ToArray();
        var combine = root.String("combine", "grid", "\"grid\", \"zip\" or \"random\"");
        var nSamples = root.Get("n_samples") is { } n ? JsonSection.AsInt(n, "$.n_samples", "an integer >= 1") : (int?)null;
        var seed = root.Get("seed") is { } s ? Seed(s) : (long?)null;
        int? nTrials = root.Get("n_trials") is { } t ? JsonSection.AsInt(t, "$.n_trials", "an integer >= 1") : null;
        if (nTrials < 1) throw new SweepFileException(null, "$.n_trials", $"{nTrials} is not allowed; allowed: an integer >= 1");
        var keep = ReadKeep(root.Get("keep"));
        var summaries = root.Get("summaries") is { } sv ? sv.Clone() : EmptyArray();
        if (summaries.ValueKind != JsonValueKind.Array)
            throw new SweepFileException(null, "$.summaries", $"{JsonSection.Describe(summaries)} is not allowed; allowed: a JSON array of summaries, e.g. [\"spike_counts\", \"dipole_peak\"]");
        root.RejectUnknownKeys();
        return new SweepDefinition(experiment, experimentDirectory, list, combine, nSamples, seed, nTrials, keep, summaries);
    }

    // Jobs keep spikes, dipoles and summaries only; traces of hundreds of runs would go nowhere (docs/experiment-file.md).
    private static void RefuseRecord(ExperimentSpec spec, string owner)
    {
        if (spec.Record is { Any: true })
            throw new SweepFileException(null, "$.experiment.record",
                $"a {owner}'s runs record no voltages, currents or calcium; allowed: no \"record\" key (or all of it false) — record them with hnn simulate");
        if (spec.ElectrodeArrays is { Count: > 0 })
            throw new SweepFileException(null, "$.experiment.electrode_arrays",
                $"a {owner}'s runs keep no extracellular potentials; allowed: no \"electrode_arrays\" key — record them with hnn simulate");
    }

    internal static (ExperimentSpec Spec, string Directory) ReadExperiment(JsonElement v, string baseDirectory, string owner = "sweep file")
    {
        if (v.ValueKind == JsonValueKind.Object)
        {
            // Inline: its errors are reported at their place inside $.experiment.
            var spec = Inside("$.experiment", () => ExperimentReader.Parse(v.GetRawText(), baseDirectory));
            Inside("$.experiment", () => ExperimentBuilder.BuildNetwork(spec, baseDirectory));
            RefuseRecord(spec, owner);
            return (spec, baseDirectory);
        }
        if (v.ValueKind != JsonValueKind.String)
            throw new SweepFileException(null, "$.experiment", $"{JsonSection.Describe(v)} is not allowed; allowed: a path to an experiment file or an inline experiment object");
        var name = v.GetString()!;
        var full = Path.GetFullPath(Path.Combine(baseDirectory, name));
        if (!File.Exists(full))
            throw new SweepFileException(null, "$.experiment", $"experiment file '{name}' not found (looked for {full}); allowed: a path relative to the {owner}'s folder, or an inline experiment object");
        var directory = Path.GetDirectoryName(full)!;
        try
        {
            var spec = ExperimentReader.ReadFile(full);
            ExperimentBuilder.BuildNetwork(spec, directory);
            RefuseRecord(spec, owner);
            return (spec, directory);
        }
        catch (Exception e) when (e is FormatException or IOException) // ExperimentFileException, or its spike files
        {
            throw new SweepFileException(null, "$.experiment", $"experiment file '{name}' is invalid: {e.Message}", e);
        }
    }

    private static T Inside<T>(string at, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ExperimentFileException e)
        {
            var inner = e.JsonPath.StartsWith('$') ? at + e.JsonPath[1..] : $"{at} {e.JsonPath}";
            throw new SweepFileException(null, inner, e.Message[(e.JsonPath.Length + 2)..], e);
        }
        catch (Exception e) when (e is FormatException or IOException) // a spike file that cannot be read
        {
            throw new SweepFileException(null, at, e.Message, e);
        }
    }

    private static SweepParameter ReadParameter(JsonElement e, string at)
    {
        var o = JsonSection.Open(e, at);
        o.Expect("path", "values", "range", "sample");
        var path = o.String("path", allowed: "an experiment path such as \"drives.evprox1.mu\"");
        IReadOnlyList<JsonNode?>? values = null;
        if (o.Get("values") is { } v)
        {
            if (v.ValueKind != JsonValueKind.Array)
                throw new SweepFileException(null, $"{at}.values", $"{JsonSection.Describe(v)} for \"{path}\" is not allowed; allowed: a JSON array of values");
            values = v.EnumerateArray().Select(Normalised).ToArray();
        }
        SweepRange? range = null;
        if (o.Get("range") is { } r)
        {
            var ro = JsonSection.Open(r, $"{at}.range");
            ro.Expect("start", "stop", "num");
            range = new SweepRange(ro.Number("start", allowed: "a number"), ro.Number("stop", allowed: "a number (included)"),
                ro.Int("num", allowed: "an integer >= 1"));
        }
        SweepSample? sample = null;
        if (o.Get("sample") is { } s)
        {
            var so = JsonSection.Open(s, $"{at}.sample");
            var dist = so.String("dist", allowed: "\"uniform\", \"loguniform\" or \"normal\"");
            if (dist is "uniform" or "loguniform")
            {
                so.Expect("dist", "low", "high");
                sample = new SweepSample(dist, Low: so.Number("low"), High: so.Number("high"));
            }
            else if (dist == "normal")
            {
                so.Expect("dist", "mean", "std");
                sample = SweepSample.Normal(so.Number("mean"), so.Number("std"));
            }
            else
                throw new SweepFileException(null, $"{at}.sample.dist", $"\"{dist}\" for \"{path}\" is not allowed; allowed: \"uniform\", \"loguniform\", \"normal\"");
            so.RejectUnknownKeys();
        }
        o.RejectUnknownKeys();
        return new SweepParameter(path, values, range, sample);
    }

    private static long Seed(JsonElement s) =>
        s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var seed)
            ? seed
            : throw new SweepFileException(null, "$.seed", $"{JsonSection.Describe(s)} is not allowed; allowed: an integer from 0 to 4294967295");

    private static IReadOnlyList<string> ReadKeep(JsonElement? v)
    {
        if (v is null) return ["summary"];
        const string allowed = "a list of \"summary\", \"spikes\", \"dipole\" (each at most once)";
        if (v.Value.ValueKind != JsonValueKind.Array || v.Value.GetArrayLength() == 0)
            throw new SweepFileException(null, "$.keep", $"{JsonSection.Describe(v.Value)}{(v.Value.ValueKind == JsonValueKind.Array ? " (empty)" : "")} is not allowed; allowed: {allowed}");
        var items = v.Value.EnumerateArray().Select((k, i) => JsonSection.AsString(k, $"$.keep[{i}]", allowed)).ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            if (!KeepKinds.Contains(items[i]))
                throw new SweepFileException(null, $"$.keep[{i}]", $"\"{items[i]}\" is not allowed; allowed: {allowed}");
            if (Array.IndexOf(items, items[i]) != i)
                throw new SweepFileException(null, $"$.keep[{i}]", $"\"{items[i]}\" is listed twice; allowed: {allowed}");
        }
        return KeepKinds.Where(items.Contains).ToArray();
    }

    /// <summary>
    /// A listed value as a node with numbers in shortest round-trip form, so "0.10" and "1e-1" are
    /// the job value 0.1, written as the experiment writer writes numbers.
    /// </summary>
    internal static JsonNode? Normalised(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.TryGetInt64(out var l) ? JsonValue.Create(l) : JsonValue.Create(e.GetDouble()),
        JsonValueKind.String => JsonValue.Create(e.GetString()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        JsonValueKind.Array => new JsonArray(e.EnumerateArray().Select(Normalised).ToArray()),
        _ => NormalisedObject(e),
    };

    private static JsonObject NormalisedObject(JsonElement e)
    {
        var o = new JsonObject();
        foreach (var p in e.EnumerateObject()) o[p.Name] = Normalised(p.Value);
        return o;
    }

    private static JsonElement EmptyArray()
    {
        using var empty = JsonDocument.Parse("[]");
        return empty.RootElement.Clone();
    }
}
