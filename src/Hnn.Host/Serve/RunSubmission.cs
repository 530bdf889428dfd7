using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Experiment;
using Hnn.Host.Cli;

namespace Hnn.Host.Serve;

/// <summary>
/// Checks a submitted experiment, sweep or fit file as the CLI would (the same reader, builder and
/// messages, through <see cref="ExperimentInput"/> and <see cref="Sweep"/>), then against the
/// server's limits. The text is kept as DATA/inputs/&lt;id&gt;/experiment.json (or sweep.json), so
/// relative file names resolve inside --data only; absolute names and ".." are refused outright.
/// </summary>
internal sealed class RunSubmission(ServeOptions options)
{
    // The keys whose string values name files (network params/file, spike_data files, a sweep's base experiment, summary targets).
    private static readonly HashSet<string> FileKeys = ["params", "file", "files", "experiment", "target"];

    // A fit file's target names its dipole file under "dipole".
    private static readonly HashSet<string> FitFileKeys = [.. FileKeys, "dipole"];

    public long MaxBodyBytes => options.MaxBodyBytes;

    public string InputDirectory(string id) => Path.Combine(Path.GetFullPath(options.DataDirectory), "inputs", id);

    public PreparedSimulation Simulation(string id, string json, string? name)
    {
        var path = Stage(id, "experiment.json", json);
        try
        {
            if (CoupledExperimentReader.IsCoupledFile(path))
                throw new SubmissionException(400, "a coupled experiment file (top-level \"networks\") is not run by hnn serve yet; run it with hnn simulate");
            if (TryParse(json) is { } early)
            {
                CheckRunLimits(early.TStop, early.NTrials, "$");
                CheckPyramidalCells(early.Network, "$");
            }
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
                    n = CellCount(e.Network, cells, $"job {job.Id}: $");
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

    /// <summary>
    /// A fit file as `hnn fit` reads it (<see cref="Biophysics.Fitting.Fit.ReadFile"/>), staged as fit.json beside the
    /// files that came with it (<see cref="StageInput"/>), then checked against the limits: its
    /// experiment's tstop, trials and cells, and max_simulations against --max-jobs.
    /// </summary>
    public PreparedFit Fit(string id, string json, string? name)
    {
        var path = Stage(id, FitFileName, json, FitFileKeys);
        try
        {
            Biophysics.Fitting.Fit fit;
            try
            {
                fit = Biophysics.Fitting.Fit.ReadFile(path);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or JsonException)
            {
                // The server's own folders are not the client's business: names as the client sent them.
                var message = WithoutPath(UserError.Describe(e), path, FitFileName).Replace(InputDirectory(id) + Path.DirectorySeparatorChar, "");
                throw new SubmissionException(400, message);
            }
            if (fit.MaxSimulations > options.MaxJobs)
                throw new SubmissionException(422, $"$.max_simulations: {fit.MaxSimulations}; allowed: at most {options.MaxJobs} (--max-jobs)");
            CheckRunLimits(fit.TStop, fit.NTrials, "$.experiment");
            var experiment = ExperimentReader.Parse(fit.ExperimentFileFor(fit.InitialValues));
            if (CellCount(experiment.Network, [], "$.experiment") is { } n && n > options.MaxCells)
                throw new SubmissionException(422, $"$.experiment.network.mesh_shape: [{experiment.Network.MeshX}, {experiment.Network.MeshY}] gives {n} cells; allowed: at most {options.MaxCells} (--max-cells)");
            return new PreparedFit(name ?? $"fit: {string.Join(", ", fit.Parameters.Select(p => p.Path))} by {fit.Solver}, {fit.MaxSimulations} simulation(s)", fit, path);
        }
        catch
        {
            Discard(id);
            throw;
        }
    }

    public const string FitFileName = "fit.json";

    /// <summary>
    /// Saves a file that came with a submission (a multipart part) in its input folder under its
    /// own name, so the submitted file's relative names resolve to it; a name that is not one plain
    /// file name is refused.
    /// </summary>
    public void StageInput(string id, string fileName, Stream content)
    {
        if (fileName.Length == 0 || fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains("..") || fileName.Contains(':')
            || fileName.Contains('\0') || Path.IsPathRooted(fileName) || fileName.StartsWith('.') || fileName.StartsWith('~'))
            throw new SubmissionException(400, $"file part '{fileName}': not a plain file name; allowed: a name without '/', '\\', ':' or '..' that does not start with '.' or '~'");
        if (fileName == FitFileName)
            throw new SubmissionException(400, $"file part '{fileName}': the name of the fit file itself; allowed: any other plain file name");
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        // A JSON part (an experiment file the fit names) may name files too: only inside this folder.
        try
        {
            CheckFileNames(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), FitFileKeys);
        }
        catch (SubmissionException e)
        {
            throw new SubmissionException(400, $"file part '{fileName}': {e.Message}");
        }
        var dir = InputDirectory(id);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, fileName), buffer.ToArray());
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

    private string Stage(string id, string fileName, string json, HashSet<string>? fileKeys = null)
    {
        CheckFileNames(json, fileKeys ?? FileKeys);
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

    // Before anything is built: a prebuilt model has at least its two pyramidal layers of mesh_shape cells each.
    private void CheckPyramidalCells(NetworkSection n, string at)
    {
        var pyramidal = 2L * n.MeshX * n.MeshY;
        if (Biophysics.Network.NetworkModels.Names.Contains(n.Model) && pyramidal > options.MaxCells)
            throw new SubmissionException(422, $"{at}.network.mesh_shape: [{n.MeshX}, {n.MeshY}] gives more than {pyramidal} cells; allowed: at most {options.MaxCells} (--max-cells)");
    }

    // A prebuilt model's cells for a mesh (once per model and mesh); a network file's are counted when its job builds it.
    private int? CellCount(NetworkSection n, Dictionary<(string, int, int), int> known, string at)
    {
        if (!Biophysics.Network.NetworkModels.Names.Contains(n.Model)) return null;
        CheckPyramidalCells(n, at);
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
    private static void CheckFileNames(string json, HashSet<string> fileKeys)
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
        Walk(root, "$", fileKeys);
    }

    private static void Walk(JsonNode? node, string at, HashSet<string> fileKeys)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (fileKeys.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var name) && !IsPlainName(name))
                        throw new SubmissionException(400, $"{at}.{key}: '{name}' is a path outside the server's data folder; allowed: a relative file name without '..' (hnn serve reads no other files)");
                    Walk(value, $"{at}.{key}", fileKeys);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{at}[{i}]", fileKeys);
                break;
        }
    }

    private static bool IsPlainName(string name) =>
        !Path.IsPathRooted(name) && !name.Contains(':') && !name.Replace('\\', '/').Split('/').Contains("..") && !name.StartsWith('~');

    private static string WithoutPath(string message, string path, string shownAs = "experiment.json") =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message.Replace(path, shownAs);

    private static string DefaultName(ExperimentSpec s) =>
        $"{s.Network.Model} {s.Network.MeshX}×{s.Network.MeshY}, {s.Drives.Count} drive(s), {s.TStop.ToString(CultureInfo.InvariantCulture)} ms";
}
