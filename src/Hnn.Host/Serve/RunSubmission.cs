using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Experiment;
using Hnn.Host.Cli;

namespace Hnn.Host.Serve;

/// <summary>
/// Checks a submitted experiment or sweep file as the CLI would (the same reader, builder and
/// messages, through <see cref="ExperimentInput"/> and <see cref="Sweep"/>), then against the
/// server's limits. The text is kept as DATA/inputs/&lt;id&gt;/experiment.json (or sweep.json), so
/// relative file names resolve inside --data only; absolute names and ".." are refused outright.
/// </summary>
internal sealed class RunSubmission(ServeOptions options)
{
    // The keys whose string values name files (network params/file, spike_data files, a sweep's base experiment, summary targets).
    private static readonly HashSet<string> FileKeys = ["params", "file", "files", "experiment", "target"];

    public long MaxBodyBytes => options.MaxBodyBytes;

    public string InputDirectory(string id) => Path.Combine(Path.GetFullPath(options.DataDirectory), "inputs", id);

    public PreparedSimulation Simulation(string id, string json, string? name)
    {
        var path = Stage(id, "experiment.json", json);
        try
        {
            if (CoupledExperimentReader.IsCoupledFile(path))
                throw new SubmissionException(400, "a coupled experiment file (top-level \"networks\") is not run by hnn serve yet; run it with hnn simulate");
            if (TryParse(json) is { } early) CheckRunLimits(early.TStop, early.NTrials, "$");
            ExperimentSpec spec;
            Biophysics.Network.NetworkSpec net;
            try
            {
                (spec, net) = ExperimentInput.Load(path);
                ExperimentInput.CheckMemory(path, spec, net);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or JsonException)
            {
                throw new SubmissionException(400, WithoutPath(UserError.Describe(e), path));
            }
            CheckRunLimits(spec.TStop, spec.NTrials, "$");
            if (net.CellCount > options.MaxCells)
                throw new SubmissionException(422, $"$.network.mesh_shape: [{spec.Network.MeshX}, {spec.Network.MeshY}] gives {net.CellCount} cells; allowed: at most {options.MaxCells} (--max-cells)");
            return new PreparedSimulation(name ?? DefaultName(spec), spec, net);
        }
        catch
        {
            Discard(id);
            throw;
        }
    }

    public PreparedSweep Sweep(string id, string json, string? name)
    {
        var dir = Path.GetDirectoryName(Stage(id, "sweep.json", json))!;
        try
        {
            Sweep sweep;
            try
            {
                sweep = Biophysics.Batch.Sweep.Parse(json, dir);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or JsonException)
            {
                throw new SubmissionException(400, UserError.Describe(e));
            }
            if (sweep.Jobs.Count > options.MaxJobs)
                throw new SubmissionException(422, $"the sweep has {sweep.Jobs.Count} jobs; allowed: at most {options.MaxJobs} (--max-jobs)");
            var cells = new Dictionary<(string, int, int), int>();
            foreach (var job in sweep.Jobs)
            {
                if (job.Experiment is not { } e) continue;   // an invalid job fails on its own, as in hnn batch
                CheckRunLimits(e.TStop, sweep.NTrials ?? e.NTrials, $"job {job.Id}: $");
                int? n;
                try
                {
                    n = CellCount(e.Network, cells);
                }
                catch (ArgumentException x)
                {
                    throw new SubmissionException(400, $"job {job.Id}: {UserError.Describe(x)}");
                }
                if (n > options.MaxCells)
                    throw new SubmissionException(422, $"job {job.Id}: $.network.mesh_shape: [{e.Network.MeshX}, {e.Network.MeshY}] gives {n} cells; allowed: at most {options.MaxCells} (--max-cells)");
            }
            return new PreparedSweep(name ?? $"sweep: {sweep.Jobs.Count} job(s) over {string.Join(", ", sweep.ParameterPaths)}", sweep);
        }
        catch
        {
            Discard(id);
            throw;
        }
    }

    /// <summary>Removes a refused submission's staged input.</summary>
    public void Discard(string id)
    {
        try
        {
            Directory.Delete(InputDirectory(id), recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing refers to it; a later start may find it and that is harmless.
        }
    }

    private string Stage(string id, string fileName, string json)
    {
        CheckFileNames(json);
        var dir = InputDirectory(id);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    private void CheckRunLimits(double tstop, int nTrials, string at)
    {
        if (tstop > options.MaxTstop)
            throw new SubmissionException(422, $"{at}.tstop: {tstop.ToString(CultureInfo.InvariantCulture)} ms; allowed: at most {options.MaxTstop.ToString(CultureInfo.InvariantCulture)} ms (--max-tstop)");
        if (nTrials > options.MaxTrials)
            throw new SubmissionException(422, $"{at}.n_trials: {nTrials}; allowed: at most {options.MaxTrials} (--max-trials)");
    }

    // A prebuilt model's cells for a mesh (once per model and mesh); a network file's are counted when its job builds it.
    private static int? CellCount(NetworkSection n, Dictionary<(string, int, int), int> known)
    {
        if (!Biophysics.Network.NetworkModels.Names.Contains(n.Model)) return null;
        var key = (n.Model, n.MeshX, n.MeshY);
        if (!known.TryGetValue(key, out var count))
        {
            ExperimentInput.CheckMesh(n, "$.network");
            known[key] = count = Biophysics.Network.NetworkModels.Create(n.Model, new Biophysics.Network.MeshShape(n.MeshX, n.MeshY)).CellCount;
        }
        return count;
    }

    private static ExperimentSpec? TryParse(string json)
    {
        try
        {
            return ExperimentReader.Parse(json);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or JsonException)
        {
            return null;   // the full read below reports it
        }
    }

    // A file name from a request may only name something inside the run's input folder.
    private static void CheckFileNames(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return;   // the reader reports malformed JSON with its own message
        }
        Walk(root, "$");
    }

    private static void Walk(JsonNode? node, string at)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (FileKeys.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var name) && !IsPlainName(name))
                        throw new SubmissionException(400, $"{at}.{key}: '{name}' is a path outside the server's data folder; allowed: a relative file name without '..' (hnn serve reads no other files)");
                    Walk(value, $"{at}.{key}");
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{at}[{i}]");
                break;
        }
    }

    private static bool IsPlainName(string name) =>
        !Path.IsPathRooted(name) && !name.Contains(':') && !name.Replace('\\', '/').Split('/').Contains("..") && !name.StartsWith('~');

    private static string WithoutPath(string message, string path) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message.Replace(path, "experiment.json");

    private static string DefaultName(ExperimentSpec s) =>
        $"{s.Network.Model} {s.Network.MeshX}×{s.Network.MeshY}, {s.Drives.Count} drive(s), {s.TStop.ToString(CultureInfo.InvariantCulture)} ms";
}
