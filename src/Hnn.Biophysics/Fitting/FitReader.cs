using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Fitting.Objectives;
using Hnn.Biophysics.Fitting.Solvers;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Fitting;

/// <summary>Everything a fit file says, read strictly; the paths are not yet resolved against the experiment.</summary>
internal sealed record FitDefinition(
    ExperimentSpec Experiment, string ExperimentDirectory, IReadOnlyList<FitParameter> Parameters, IReadOnlyList<bool> InitialGiven,
    FitObjective Objective, PostprocEntry? Postproc, string Solver, int MaxSimulations, int? Population, long Seed, int? NTrials);

/// <summary>
/// Reads a fit file (docs/fit-file.md) strictly: unknown keys, wrong JSON types, missing keys and
/// values out of range fail with their JSON path and what is allowed, before anything runs.
/// </summary>
internal static class FitReader
{
    public const int MaxSimulationsLimit = 100_000;
    private const string Owner = "fit file";
    private static readonly string[] Columns = [Dipole.Agg, Dipole.L2, Dipole.L5];

    public static FitDefinition Parse(string json, string baseDirectory)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FitFileException(null, $"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", $"not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            try
            {
                return Read(doc.RootElement, baseDirectory);
            }
            catch (ExperimentFileException e)
            {
                throw new FitFileException(null, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
            }
            catch (SweepFileException e)
            {
                throw new FitFileException(null, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
            }
        }
    }

    private static FitDefinition Read(JsonElement element, string baseDirectory)
    {
        var root = JsonSection.Open(element, "$");
        root.Expect("experiment", "target", "postproc", "parameters", "objective", "solver", "max_simulations", "population", "seed", "n_trials");
        var (experiment, experimentDirectory) = SweepReader.ReadExperiment(root.Required("experiment",
            "a path to an experiment file (relative to the fit file) or an inline experiment object"), baseDirectory, Owner);
        int? nTrials = root.Get("n_trials") is { } t ? JsonSection.AsInt(t, "$.n_trials", "an integer >= 1") : null;
        if (nTrials < 1) throw new FitFileException(null, "$.n_trials", $"{nTrials} is not allowed; allowed: an integer >= 1");

        var parametersElement = root.Required("parameters", "a list of {\"path\": …, \"bounds\": [low, high]}");
        if (parametersElement.ValueKind != JsonValueKind.Array || parametersElement.GetArrayLength() == 0)
            throw new FitFileException(null, "$.parameters", $"{JsonSection.Describe(parametersElement)}{(parametersElement.ValueKind == JsonValueKind.Array ? " (empty)" : "")} is not allowed; allowed: a JSON array of at least one parameter");
        var read = parametersElement.EnumerateArray().Select((p, j) => ReadParameter(p, $"$.parameters[{j}]")).ToArray();

        var solver = root.String("solver", "cma-es", string.Join(", ", FitSolvers.Names.Select(n => $"\"{n}\"")));
        if (!FitSolvers.Names.Contains(solver))
            throw new FitFileException(null, "$.solver", $"\"{solver}\" is not allowed; allowed: {string.Join(", ", FitSolvers.Names.Select(n => $"\"{n}\""))}");
        var maxSimulations = root.Int("max_simulations", 200, $"an integer from 1 to {MaxSimulationsLimit}");
        if (maxSimulations is < 1 or > MaxSimulationsLimit)
            throw new FitFileException(null, "$.max_simulations", $"{maxSimulations} is not allowed; allowed: an integer from 1 to {MaxSimulationsLimit}");
        int? population = root.Get("population") is { } pop ? JsonSection.AsInt(pop, "$.population", "an integer >= 2") : null;
        if (population is { } lambda)
        {
            if (solver != "cma-es")
                throw new FitFileException(null, "$.population", $"{lambda} is not allowed with solver \"{solver}\", which evaluates one candidate at a time; allowed: population with solver \"cma-es\" only");
            if (lambda < 2) throw new FitFileException(null, "$.population", $"{lambda} is not allowed; allowed: an integer >= 2 (candidates per generation)");
        }
        var seed = root.Get("seed") is { } s ? Seed(s) : 0L;

        var tstop = experiment.TStop;
        var postproc = root.Get("postproc") is { } pp
            ? ExperimentReader.ReadPostproc(pp, "$.postproc", tstop, experiment.Dt)
            : experiment.Postproc;
        var objective = ReadObjective(root.Get("objective"), root.Get("target"), baseDirectory, tstop);
        root.RejectUnknownKeys();
        return new FitDefinition(experiment, experimentDirectory, read.Select(r => r.Parameter).ToArray(), read.Select(r => r.InitialGiven).ToArray(),
            objective, postproc, solver, maxSimulations, population, seed, nTrials);
    }

    private static (FitParameter Parameter, bool InitialGiven) ReadParameter(JsonElement e, string at)
    {
        var o = JsonSection.Open(e, at);
        o.Expect("path", "initial", "bounds", "scale");
        var path = o.String("path", allowed: "an experiment path holding a number, such as \"drives.evprox1.mu\"");
        var bounds = o.Required("bounds", "[low, high], two numbers with low < high");
        if (bounds.ValueKind != JsonValueKind.Array || bounds.GetArrayLength() != 2
            || bounds.EnumerateArray().Any(b => b.ValueKind != JsonValueKind.Number))
            throw new FitFileException(null, o.At("bounds"), $"{JsonSection.Describe(bounds)} for \"{path}\" is not allowed; allowed: [low, high], two numbers with low < high");
        var (low, high) = (bounds[0].GetDouble(), bounds[1].GetDouble());
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
            throw new FitFileException(null, o.At("bounds"), Invariant($"[{low}, {high}] for \"{path}\" is not allowed; allowed: finite low < high (a value that should not move is left out of the parameters)"));
        var scale = o.String("scale", FitParameter.Linear, "\"linear\" or \"log\"");
        if (!FitParameter.Scales.Contains(scale))
            throw new FitFileException(null, o.At("scale"), $"\"{scale}\" for \"{path}\" is not allowed; allowed: \"linear\" or \"log\"");
        if (scale == FitParameter.Log && !(low > 0))
            throw new FitFileException(null, o.At("bounds"), Invariant($"[{low}, {high}] for \"{path}\" with scale \"log\" is not allowed; allowed: bounds > 0 on a log scale"));
        var given = o.Has("initial");
        var centre = new FitParameter(path, low, low, high, scale).FromUnit(0.5);
        var initial = given ? o.Number("initial", allowed: "a number within the bounds") : centre;
        if (!(initial >= low && initial <= high))
            throw new FitFileException(null, o.At("initial"), Invariant($"{initial} for \"{path}\" is outside its bounds [{low}, {high}]; allowed: a number within the bounds (both included)"));
        o.RejectUnknownKeys();
        return (new FitParameter(path, initial, low, high, scale), given);
    }

    private static FitObjective ReadObjective(JsonElement? objective, JsonElement? target, string baseDirectory, double tstop)
    {
        var (kind, options) = ObjectiveKind(objective);
        switch (kind)
        {
            case DipoleRmseObjective.Kind:
            {
                var o = options is { } opts ? JsonSection.Open(opts, $"$.objective.{kind}") : null;
                o?.Expect("tstart", "tstop");
                var tstart = o?.NullableNumber("tstart", null, "a time in ms, or null for 0");
                var tstopWindow = o?.NullableNumber("tstop", null, "a time in ms, or null for the experiment's tstop");
                o?.RejectUnknownKeys();
                if (tstart is { } a && tstopWindow is { } b && !(a < b))
                    throw new FitFileException(null, "$.objective.dipole_rmse.tstop", Invariant($"{b} is not after tstart {a}; allowed: tstop > tstart"));
                if (target is null)
                    throw new FitFileException(null, "$.target", "missing; the objective \"dipole_rmse\" needs the recorded dipole; allowed: {\"dipole\": \"file.txt\", \"column\": \"agg\"}");
                var t = JsonSection.Open(target.Value, "$.target");
                t.Expect("dipole", "column");
                var file = t.String("dipole", allowed: "the path of an HNN-core dipole text file, relative to the fit file's folder");
                var (dipole, sha256) = SummaryListReader.ReadTarget(file, "$.target.dipole", baseDirectory, Owner);
                var column = t.String("column", Dipole.Agg, "\"agg\", \"L2\" or \"L5\"");
                if (!Columns.Contains(column))
                    throw new FitFileException(null, "$.target.column", $"\"{column}\" is not allowed; allowed: \"agg\", \"L2\" or \"L5\"");
                if (!dipole.Order.Contains(column))
                    throw new FitFileException(null, "$.target.column",
                        $"\"{column}\" is not in the target file '{file}', which has only {string.Join(", ", dipole.Order)}; allowed: {string.Join(", ", dipole.Order.Select(c => $"\"{c}\""))}");
                t.RejectUnknownKeys();
                CheckCoverage(dipole, file, tstart ?? 0.0, tstopWindow ?? tstop);
                return new DipoleRmseObjective(dipole, sha256, column, tstart, tstopWindow);
            }
            case PsdBandObjective.Kind:
            {
                if (target is not null)
                    throw new FitFileException(null, "$.target", "is not used by the objective \"psd_band\"; allowed: no target (or the objective \"dipole_rmse\")");
                return PsdBandObjective.Read(options, $"$.objective.{kind}");
            }
            default:
                throw new FitFileException(null, "$.objective", $"\"{kind}\" is not allowed; allowed: \"dipole_rmse\", {{\"dipole_rmse\": {{\"tstart\": …, \"tstop\": …}}}} or {{\"psd_band\": {{\"fmin\": 15, \"fmax\": 30}}}}");
        }
    }

    private static (string Kind, JsonElement? Options) ObjectiveKind(JsonElement? objective)
    {
        if (objective is null) return (DipoleRmseObjective.Kind, null);
        var v = objective.Value;
        if (v.ValueKind == JsonValueKind.String) return (v.GetString()!, null);
        if (v.ValueKind == JsonValueKind.Object && v.EnumerateObject().Count() == 1)
        {
            var p = v.EnumerateObject().First();
            return (p.Name, p.Value);
        }
        throw new FitFileException(null, "$.objective", $"{JsonSection.Describe(v)} is not allowed; allowed: \"dipole_rmse\" or an object with one key, the objective's name, e.g. {{\"psd_band\": {{\"fmin\": 15, \"fmax\": 30}}}}");
    }

    /// <summary>The target must span the compared window (to within half its sample step): a fit cannot compare against missing data.</summary>
    private static void CheckCoverage(Dipole target, string file, double start, double stop)
    {
        var t = target.Times;
        var half = t.Length > 1 ? 0.5 * (t[1] - t[0]) : 0.0;
        if (t[0] > start + half || t[^1] < stop - half)
            throw new FitFileException(null, "$.target.dipole", Invariant(
                $"the target '{file}' covers {t[0]} … {t[^1]} ms, but the fit compares {start} … {stop} ms; allowed: a target covering the compared window (the experiment's 0 … tstop unless the objective gives tstart/tstop)"));
    }

    private static long Seed(JsonElement s) =>
        s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var seed) && seed is >= 0 and <= uint.MaxValue
            ? seed
            : throw new FitFileException(null, "$.seed", $"{JsonSection.Describe(s)} is not allowed; allowed: an integer from 0 to 4294967295");

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
