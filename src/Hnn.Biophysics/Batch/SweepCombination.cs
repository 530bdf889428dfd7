using System.Numerics;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Random;

namespace Hnn.Biophysics.Batch;

/// <summary>
/// Turns parameter lists into rows of values, one row per job (docs/sweep-file.md "combine"):
/// grid (cartesian, first parameter slowest, like itertools.product), zip (i-th of each) or
/// random (n_samples draws from one numpy-compatible RandomState, job by job, parameter by parameter).
/// </summary>
public static class SweepCombination
{
    public static readonly IReadOnlyList<string> Modes = ["grid", "zip", "random"];

    /// <summary>The most jobs one sweep may expand to.</summary>
    public const int MaxJobs = 10_000;

    /// <summary>
    /// Rows of values, row i = job i, column j = parameters[j]. Every node is a fresh copy.
    /// Errors are <see cref="SweepFileException"/>s whose JSON path is the sweep file's
    /// (<c>$.parameters[j]…</c>, <c>$.n_samples</c>, <c>$.seed</c>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<JsonNode?>> Combine(IReadOnlyList<SweepParameter> parameters, string combine, int? nSamples, long? seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(parameters, combine, nSamples, seed);
        return combine switch
        {
            "grid" => Grid(parameters.Select(ListOf).ToArray()),
            "zip" => Zip(parameters.Select(ListOf).ToArray()),
            _ => Random(parameters, nSamples!.Value, seed!.Value),
        };
    }

    /// <summary>How many jobs a valid combination gives.</summary>
    internal static BigInteger JobCount(IReadOnlyList<SweepParameter> parameters, string combine, int? nSamples) => combine switch
    {
        "grid" => parameters.Aggregate(BigInteger.One, (n, p) => n * Length(p)),
        "zip" => parameters.Count == 0 ? 0 : Length(parameters[0]),
        _ => nSamples ?? 0,
    };

    /// <summary>Every rule that does not need the experiment: one source per parameter, sizes, limits.</summary>
    internal static void Validate(IReadOnlyList<SweepParameter> parameters, string combine, int? nSamples, long? seed)
    {
        if (!Modes.Contains(combine))
            throw new SweepFileException(null, "$.combine", $"\"{combine}\" is not allowed; allowed: {Quoted(Modes)}");
        if (parameters.Count == 0)
            throw new SweepFileException(null, "$.parameters", "empty; allowed: at least one parameter");
        var random = combine == "random";
        for (var j = 0; j < parameters.Count; j++)
            ValidateSource(parameters[j], $"$.parameters[{j}]", random);
        if (random)
        {
            if (nSamples is not { } n)
                throw new SweepFileException(null, "$.n_samples", "missing; allowed: combine \"random\" needs n_samples, an integer >= 1");
            if (n < 1 || n > MaxJobs)
                throw new SweepFileException(null, "$.n_samples", $"{n} is not allowed; allowed: an integer from 1 to {MaxJobs}");
            if (seed is not { } s)
                throw new SweepFileException(null, "$.seed", "missing; allowed: combine \"random\" needs seed, an integer from 0 to 4294967295");
            if (s < 0 || s > uint.MaxValue)
                throw new SweepFileException(null, "$.seed", $"{s} is not allowed; allowed: an integer from 0 to 4294967295 (numpy's RandomState seed)");
            return;
        }
        if (nSamples is not null)
            throw new SweepFileException(null, "$.n_samples", $"only used with combine \"random\" (combine is \"{combine}\"); allowed: leave it out");
        if (seed is not null)
            throw new SweepFileException(null, "$.seed", $"only used with combine \"random\" (combine is \"{combine}\"); allowed: leave it out");
        if (combine == "zip")
        {
            var lengths = parameters.Select(Length).ToArray();
            if (lengths.Distinct().Count() > 1)
                throw new SweepFileException(null, "$.parameters",
                    "combine \"zip\" needs lists of one length; got " +
                    string.Join(", ", parameters.Select((p, j) => $"{p.Path}: {lengths[j]}")) + "; allowed: equal lengths, or combine \"grid\"");
        }
        var count = JobCount(parameters, combine, nSamples);
        if (count > MaxJobs)
            throw new SweepFileException(null, "$.parameters",
                $"combine \"{combine}\" gives {(combine == "grid" ? string.Join(" × ", parameters.Select(Length)) + " = " : "")}{count} jobs; allowed: at most {MaxJobs} jobs per sweep");
    }

    private static void ValidateSource(SweepParameter p, string at, bool random)
    {
        var sources = (p.Values is null ? 0 : 1) + (p.Range is null ? 0 : 1) + (p.Sample is null ? 0 : 1);
        if (sources != 1)
            throw new SweepFileException(null, at, $"{p.Path} has {sources} value sources; allowed: exactly one of \"values\", \"range\", \"sample\"");
        if (p.Values is { Count: 0 })
            throw new SweepFileException(null, $"{at}.values", $"empty for {p.Path}; allowed: at least one value");
        if (p.Range is { } r)
        {
            if (r.Num < 1)
                throw new SweepFileException(null, $"{at}.range.num", $"num = {r.Num} for {p.Path} is not allowed; allowed: an integer >= 1");
            if (r.Num > MaxJobs)
                throw new SweepFileException(null, $"{at}.range.num", $"num = {r.Num} for {p.Path} is not allowed; allowed: at most {MaxJobs}");
            if (!double.IsFinite(r.Start) || !double.IsFinite(r.Stop))
                throw new SweepFileException(null, $"{at}.range", $"start {r.Start}, stop {r.Stop} for {p.Path}; allowed: finite numbers");
        }
        if (p.Sample is { } s)
        {
            if (!random)
                throw new SweepFileException(null, $"{at}.sample", $"a sample for {p.Path} needs combine \"random\"; allowed: \"values\" or \"range\" with grid and zip");
            switch (s.Dist)
            {
                case "uniform" or "loguniform":
                    if (s.Dist == "loguniform" && !(s.Low > 0))
                        throw new SweepFileException(null, $"{at}.sample.low", $"low = {s.Low} for {p.Path} is not allowed; allowed: loguniform needs low > 0");
                    if (!(s.High >= s.Low) || !double.IsFinite(s.High) || !double.IsFinite(s.Low))
                        throw new SweepFileException(null, $"{at}.sample.high", $"high = {s.High} < low = {s.Low} for {p.Path}; allowed: finite numbers with high >= low");
                    break;
                case "normal":
                    if (!(s.Std >= 0) || !double.IsFinite(s.Std) || !double.IsFinite(s.Mean))
                        throw new SweepFileException(null, $"{at}.sample.std", $"std = {s.Std} for {p.Path} is not allowed; allowed: a finite mean and std >= 0");
                    break;
                default:
                    throw new SweepFileException(null, $"{at}.sample.dist", $"\"{s.Dist}\" for {p.Path} is not allowed; allowed: {Quoted(SweepSample.Distributions)}");
            }
        }
    }

    private static int Length(SweepParameter p) => p.Values?.Count ?? p.Range?.Num ?? 0;

    private static JsonNode?[] ListOf(SweepParameter p) =>
        p.Values?.ToArray() ?? p.Range!.Points().Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();

    private static JsonNode?[][] Grid(JsonNode?[][] lists)
    {
        var count = lists.Aggregate(1, (n, l) => n * l.Length);
        var rows = new JsonNode?[count][];
        for (var row = 0; row < count; row++)
        {
            var values = new JsonNode?[lists.Length];
            // Mixed radix with the last parameter as the fastest digit (itertools.product).
            var rest = row;
            for (var j = lists.Length - 1; j >= 0; j--)
            {
                values[j] = lists[j][rest % lists[j].Length]?.DeepClone();
                rest /= lists[j].Length;
            }
            rows[row] = values;
        }
        return rows;
    }

    private static JsonNode?[][] Zip(JsonNode?[][] lists) =>
        Enumerable.Range(0, lists[0].Length).Select(i => lists.Select(l => l[i]?.DeepClone()).ToArray()).ToArray();

    private static JsonNode?[][] Random(IReadOnlyList<SweepParameter> parameters, int nSamples, long seed)
    {
        var rng = new RandomState(seed);
        var rows = new JsonNode?[nSamples][];
        for (var i = 0; i < nSamples; i++)
        {
            var values = new JsonNode?[parameters.Count];
            for (var j = 0; j < parameters.Count; j++)
                values[j] = Draw(rng, parameters[j]);
            rows[i] = values;
        }
        return rows;
    }

    // One numpy call per parameter and job; the calls are listed in docs/sweep-file.md "Random draws".
    private static JsonNode? Draw(RandomState rng, SweepParameter p)
    {
        if (p.Values is { } list) return list[(int)rng.RandInt(0, list.Count)]?.DeepClone();
        if (p.Range is { } r) return JsonValue.Create(rng.Uniform(r.Start, r.Stop));
        var s = p.Sample!;
        return JsonValue.Create(s.Dist switch
        {
            "uniform" => rng.Uniform(s.Low, s.High),
            "loguniform" => Math.Exp(rng.Uniform(Math.Log(s.Low), Math.Log(s.High))),
            _ => rng.Normal(s.Mean, s.Std),
        });
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
