using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hnn.Biophysics.Experiment;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>A run as GET /api/runs/{id} shows it (the list leaves out files and experiment).</summary>
internal sealed record RunView(
    string Id, string Kind, string Status, ProgressView Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    string Created,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Started,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Finished,
    string Name, IReadOnlyList<string>? Files = null, JsonNode? Experiment = null);

internal static class RunViews
{
    public static RunView Of(RunService runs, RunRow row, bool full)
    {
        var active = runs.Active(row.Id);
        if (active is not null) row = active.Row;
        var progress = active?.Progress ?? StoredProgress(runs, row);
        IReadOnlyList<string>? files = null;
        JsonNode? experiment = null;
        if (full)
        {
            files = row.Status == RunStatus.Done ? Files(runs.RunDirectory(row.Id)) : [];
            experiment = Parse(row.Experiment);
        }
        return new RunView(row.Id, row.Kind, row.Status, progress, row.Error, Time(row.Created)!, Time(row.Started), Time(row.Finished), row.Name, files, experiment);
    }

    /// <summary>The run folder's files, in name order (a sweep's jobs/ folder is not one).</summary>
    public static IReadOnlyList<string> Files(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir).Select(p => Path.GetFileName(p)).OrderBy(n => n, StringComparer.Ordinal).ToArray() : [];

    // Trials and tstop of ended runs, read once from their experiment (a list must not parse every file every time).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Trials, double Tstop)> Sizes = new();

    // A run that has ended: its progress is whether it finished.
    private static ProgressView StoredProgress(RunService runs, RunRow row)
    {
        var done = row.Status == RunStatus.Done;
        if (row.Kind == PreparedRun.FitKind) return FitProgress(runs, row, done);
        if (row.Kind == PreparedRun.SweepKind) return new ProgressView(done ? 1 : 0, 0, 0, 0, 0);
        var (trials, tstop) = Sizes.GetOrAdd(row.Id, _ =>
        {
            try
            {
                var spec = ExperimentReader.Parse(row.Experiment);
                return (spec.NTrials, spec.TStop);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or System.Text.Json.JsonException)
            {
                return (0, 0);
            }
        });
        return new ProgressView(done ? 1 : 0, done ? Math.Max(trials - 1, 0) : 0, trials, done ? tstop : 0, tstop);
    }

    // Simulations done (history.csv's rows) and the budget (max_simulations) of an ended fit, read once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Done, int Budget)> FitSizes = new();

    private static ProgressView FitProgress(RunService runs, RunRow row, bool done)
    {
        var (simulations, budget) = FitSizes.GetOrAdd(row.Id, _ =>
        {
            var history = Path.Combine(runs.RunDirectory(row.Id), "history.csv");
            var rows = File.Exists(history) ? Math.Max(File.ReadLines(history).Count() - 1, 0) : 0;
            var max = Parse(row.Experiment) is JsonObject o && o["max_simulations"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : 200;   // the default of docs/fit-file.md
            return (rows, max);
        });
        return new ProgressView(done ? 1 : 0, 0, 0, 0, 0, simulations, budget);
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    public static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
