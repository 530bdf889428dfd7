using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Experiment;
using Hnn.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>
/// A finished run's files (GET /api/runs/{id}/files/{name}) and its result as JSON
/// (GET /api/runs/{id}/result). A file name is one name in the run's folder: a separator or ".."
/// is refused, and the path is checked to stay inside it.
/// </summary>
internal static class FileEndpoints
{
    private static readonly ConcurrentDictionary<string, Dictionary<string, int[]>> GidRangeCache = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/files/{name}", (string id, string name, RunService runs) =>
        {
            if (RunEndpoints.Find(runs, id) is not { } row) return ApiResults.UnknownRun(id);
            if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.Contains("..") || name.StartsWith('.') || name.Contains('\0'))
                return ApiResults.Error(400, $"'{name}' is not a file name of a run; allowed: a name from the run's \"files\", without '/', '\\' or '..'");
            if (row.Status != RunStatus.Done) return ApiResults.Error(404, $"run '{id}' has no files ({row.Status})");
            var dir = Path.GetFullPath(runs.RunDirectory(id)) + Path.DirectorySeparatorChar;
            var path = Path.GetFullPath(Path.Combine(dir, name));
            if (!path.StartsWith(dir, StringComparison.Ordinal) || !File.Exists(path))
                return ApiResults.Error(404, $"run '{id}' has no file '{name}'");
            return Results.File(path, ContentType(name), name);
        }).WithSummary("A file of a finished run (spk_0.txt, dipole_0.txt, summary.json, raster.png, results.csv, …)");

        app.MapGet("/api/runs/{id}/result", (string id, RunService runs, int? trial) =>
        {
            if (RunEndpoints.Find(runs, id) is not { } row) return ApiResults.UnknownRun(id);
            if (row.Status != RunStatus.Done) return ApiResults.Error(409, $"run '{id}' is {row.Status}; a result exists once it is done");
            var dir = runs.RunDirectory(id);
            if (row.Kind == PreparedRun.SweepKind) return ApiResults.Json(new { table = ResultsTable.Read(Path.Combine(dir, "results.csv")) });
            if (row.Kind == PreparedRun.FitKind) return ApiResults.Json(FitResultView.Read(Path.Combine(dir, "history.csv")));
            var spec = ExperimentReader.Parse(row.Experiment);
            var k = trial ?? 0;
            if (k < 0 || k >= spec.NTrials) return ApiResults.Error(400, $"trial {k} is not a trial of this run; allowed: 0 … {spec.NTrials - 1}");
            return ApiResults.Json(new Dictionary<string, object>
            {
                ["tstop"] = spec.TStop,
                ["dt"] = spec.Dt,
                ["gid_ranges"] = GidRanges(runs, id),
                ["spikes"] = Spikes(Path.Combine(dir, $"spk_{k}.txt")),
                ["dipole"] = Dipole(Path.Combine(dir, $"dipole_{k}.csv")),
            });
        }).WithSummary("A done simulation's trial (?trial=k, default 0): spikes, post-processed dipoles, gid ranges; a sweep's results table; a fit's best and history");
    }

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".txt" or ".csv" => "text/plain; charset=utf-8",
        ".json" => "application/json",
        ".png" => "image/png",
        ".gz" => "application/gzip",
        _ => "application/octet-stream",
    };

    // From the run's network as the submission built it (kept in memory while it is active), else rebuilt from its staged input.
    private static Dictionary<string, int[]> GidRanges(RunService runs, string id) => GidRangeCache.GetOrAdd(id, _ =>
        runs.Active(id)?.Work is PreparedSimulation s
            ? RunExecutor.GidRanges(s.Network)
            : RunExecutor.GidRanges(ExperimentInput.Load(Path.Combine(runs.Submission.InputDirectory(id), "experiment.json")).Network));

    private static object Spikes(string path)
    {
        var times = new List<double>();
        var gids = new List<int>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 2) continue;
            times.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            gids.Add(int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        return new { times, gids };
    }

    // dipole_k.csv: time,agg,L2,L5 at full precision (the dipoles of dipole_k.txt, after postproc).
    private static Dictionary<string, List<double>> Dipole(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        var columns = header.Select(_ => new List<double>()).ToArray();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            for (var i = 0; i < columns.Length && i < cells.Length; i++) columns[i].Add(double.Parse(cells[i], CultureInfo.InvariantCulture));
        }
        return header.Select((h, i) => (Key: h == "time" ? "times" : h, Values: columns[i])).ToDictionary(x => x.Key, x => x.Values);
    }
}

/// <summary>A batch's results.csv as rows of JSON: job_id, each parameter (its JSON value), each summary (a number), status, error, wall_s, node.</summary>
internal static class ResultsTable
{
    public static IReadOnlyList<Dictionary<string, JsonNode?>> Read(string path)
    {
        var rows = Csv(File.ReadAllText(path));
        if (rows.Count == 0) return [];
        var header = rows[0];
        var result = new List<Dictionary<string, JsonNode?>>();
        foreach (var cells in rows.Skip(1))
        {
            var row = new Dictionary<string, JsonNode?>();
            for (var i = 0; i < header.Count && i < cells.Count; i++) row[header[i]] = Value(header[i], cells[i]);
            result.Add(row);
        }
        return result;
    }

    private static JsonNode? Value(string column, string cell)
    {
        if (column is "status" or "error" or "node") return cell.Length == 0 && column == "error" ? null : JsonValue.Create(cell);
        if (cell.Length == 0) return null;
        if (cell == "nan") return JsonValue.Create(double.NaN);
        try
        {
            return JsonNode.Parse(cell);   // numbers and a parameter's JSON text
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(cell);
        }
    }

    // RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
