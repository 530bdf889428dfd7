using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;

namespace Hnn.Biophysics.Batch;

/// <summary>
/// A parameter sweep (docs/sweep-file.md): one base experiment, the parameters to vary and how to
/// combine them, expanded into jobs that are each a complete experiment file. Everything wrong
/// with the file is a <see cref="SweepFileException"/> before any job runs; a job whose values
/// the model refuses carries its own <see cref="SweepJob.Error"/> instead.
/// </summary>
public sealed class Sweep
{
    private Sweep(string baseDirectory, IReadOnlyList<string> parameterPaths, string combine, int? nTrials,
        IReadOnlyList<string> keep, JsonElement summaries, string summariesBaseDirectory, IReadOnlyList<SweepJob> jobs,
        IReadOnlyList<SummarySpec> summarySpecs, IReadOnlyList<string> cellTypes)
    {
        SummarySpecs = summarySpecs;
        CellTypes = cellTypes;
        SummaryColumns = summarySpecs.SelectMany(s => s.Columns(cellTypes)).ToArray();
        _keyText = string.Join("\n", summarySpecs.Select(s => s.Canonical)) + "\nkeep=" + string.Join(",", keep);
        BaseDirectory = baseDirectory;
        ParameterPaths = parameterPaths;
        Combine = combine;
        NTrials = nTrials;
        Keep = keep;
        Summaries = summaries;
        SummariesBaseDirectory = summariesBaseDirectory;
        Jobs = jobs;
    }

    /// <summary>The experiment's folder (where its relative spike-file globs resolve).</summary>
    public string BaseDirectory { get; }

    /// <summary>The swept paths in file order (the columns of a results table).</summary>
    public IReadOnlyList<string> ParameterPaths { get; }

    /// <summary>"grid", "zip" or "random".</summary>
    public string Combine { get; }

    /// <summary>The sweep's n_trials, which replaces the experiment's in every job; null when not given.</summary>
    public int? NTrials { get; }

    /// <summary>What to keep per job, in the order summary, spikes, dipole; ["summary"] by default.</summary>
    public IReadOnlyList<string> Keep { get; }

    /// <summary>The raw "summaries" array (a cloned element; [] when absent).</summary>
    public JsonElement Summaries { get; }

    /// <summary>Where relative paths inside "summaries" resolve: the sweep file's folder.</summary>
    public string SummariesBaseDirectory { get; }

    /// <summary>The jobs, ids 0..N−1 in expansion order (or the subset <see cref="WithJobs"/> kept).</summary>
    public IReadOnlyList<SweepJob> Jobs { get; }

    /// <summary>The parsed "summaries" (docs/summaries.md), computed for every job that ran.</summary>
    public IReadOnlyList<SummarySpec> SummarySpecs { get; }

    /// <summary>The base experiment's cell types (what spike_counts counts).</summary>
    public IReadOnlyList<string> CellTypes { get; }

    /// <summary>Every summary's columns, in order (the summary columns of results.csv).</summary>
    public IReadOnlyList<string> SummaryColumns { get; }

    private readonly string _keyText;

    /// <summary>
    /// The job's key (docs/dev/batch-runs.md §4): SHA-256 of its experiment's hash, the summaries'
    /// canonical form (a target by its content) and what is kept — a rerun skips a job only if none changed.
    /// </summary>
    public string KeyOf(SweepJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Hash(job.Hash + "\n" + _keyText);
    }

    /// <summary>The same sweep with only these of its jobs (e.g. those a resumed batch has still to run).</summary>
    public Sweep WithJobs(IEnumerable<SweepJob> jobs) =>
        new(BaseDirectory, ParameterPaths, Combine, NTrials, Keep, Summaries, SummariesBaseDirectory, [.. jobs], SummarySpecs, CellTypes);

    /// <summary>Reads and expands a sweep file; its "experiment" and summary targets resolve against its folder.</summary>
    public static Sweep ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepFileException(path, "$", $"cannot read sweep file: {e.Message}", e);
        }
        try
        {
            return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (SweepFileException e)
        {
            throw e.InFile(path);
        }
    }

    /// <param name="json">The sweep file's text.</param>
    /// <param name="baseDirectory">Where "experiment" and summary targets resolve (the sweep file's folder).</param>
    public static Sweep Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        baseDirectory = Path.GetFullPath(baseDirectory);
        var d = SweepReader.Parse(json, baseDirectory);
        IReadOnlyList<SummarySpec> summaries;
        try
        {
            summaries = SummarySpec.ParseList(d.Summaries, "$.summaries", baseDirectory);
        }
        catch (ExperimentFileException e)
        {
            throw new SweepFileException(null, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
        }
        string[] cellTypes;
        try
        {
            CheckMesh(d.Experiment);
            cellTypes = ExperimentBuilder.BuildNetwork(d.Experiment, d.ExperimentDirectory).CellTypes.Select(t => t.Name).ToArray();
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException)
        {
            throw new SweepFileException(null, "$.experiment", $"the experiment cannot be built: {e.Message}", e);
        }
        SweepCombination.Validate(d.Parameters, d.Combine, d.NSamples, d.Seed);

        var prepared = JsonNode.Parse(ExperimentWriter.Write(d.Experiment))!.AsObject();
        var paths = d.Parameters.Select(p => p.Path).ToArray();
        if (d.NTrials is { } nTrials)
        {
            if (Array.IndexOf(paths, "n_trials") is var j and >= 0)
                throw new SweepFileException(null, "$.n_trials", $"n_trials is also swept by $.parameters[{j}]; allowed: one of the two");
            prepared["n_trials"] = nTrials;
        }
        var locations = ExperimentPaths.Resolve(prepared, paths, j => $"$.parameters[{j}].path");
        for (var j = 0; j < locations.Length; j++)
            CheckValues(d.Parameters[j], locations[j], $"$.parameters[{j}]", d.Combine == "random");

        var rows = SweepCombination.Combine(d.Parameters, d.Combine, d.NSamples, d.Seed);
        // Jobs are independent (each its own copy of the base); building each network to check it
        // costs ~10 ms for the ERP model, so they are expanded on every core, in a fixed order.
        var jobs = new SweepJob[rows.Count];
        var baseText = prepared.ToJsonString(); // each job parses its own copy: no JsonNode is shared across threads
        try
        {
            Parallel.For(0, rows.Count, i => jobs[i] = Job(i, baseText, locations, rows[i], d.ExperimentDirectory));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Job errors are caught per job; anything else is a defect and keeps its own stack trace.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new Sweep(d.ExperimentDirectory, paths, d.Combine, d.NTrials, d.Keep, d.Summaries, baseDirectory, jobs, summaries, cellTypes);
    }

    /// <summary>A value of the wrong JSON form is the sweep's fault, whatever job it would land in.</summary>
    private static void CheckValues(SweepParameter p, ExperimentLocation at, string jsonPath, bool random)
    {
        var kinds = at.Kinds;
        if (p.Values is { } values)
        {
            for (var k = 0; k < values.Count; k++)
                if (!kinds.Accepts(values[k]))
                    throw new SweepFileException(null, $"{jsonPath}.values[{k}]",
                        $"\"{p.Path}\": {ValueKindsExtensions.Show(values[k])} is not allowed; allowed: {kinds.Describe()}");
            return;
        }
        var source = p.Range is not null ? "range" : "sample";
        if (!kinds.TakesNumbers())
            throw new SweepFileException(null, $"{jsonPath}.{source}",
                $"\"{p.Path}\" holds {kinds.Describe()}, but a {source} gives numbers; allowed: \"values\" with {kinds.Describe()}");
        if (kinds.HasFlag(ValueKinds.Number)) return;
        // combine "random" draws a range continuously, like a sample.
        if (p.Sample is not null || random)
            throw new SweepFileException(null, $"{jsonPath}.{source}",
                $"\"{p.Path}\" holds an integer, but a random draw from a {source} gives fractions; allowed: \"values\" (drawn by a uniform choice)");
        var points = p.Range!.Points();
        var bad = Array.FindIndex(points, x => Math.Floor(x) != x);
        if (bad >= 0)
            throw new SweepFileException(null, $"{jsonPath}.range",
                $"\"{p.Path}\" holds an integer, but point {bad} of the range is {points[bad]}; allowed: start, stop and num whose points are integers, e.g. start 1, stop 5, num 5");
    }

    internal static SweepJob Job(int id, string baseText, ExperimentLocation[] locations, IReadOnlyList<JsonNode?> row, string experimentDirectory)
    {
        var root = JsonNode.Parse(baseText)!.AsObject();
        var values = new KeyValuePair<string, string>[locations.Length];
        for (var j = 0; j < locations.Length; j++)
        {
            values[j] = new(locations[j].Path, ValueKindsExtensions.Show(row[j]));
            locations[j].Set(root, row[j]?.DeepClone());
        }
        AbsoluteSpikeGlobs(root, experimentDirectory);
        var patched = root.ToJsonString(Indented) + "\n";
        string json;
        ExperimentSpec? spec = null;
        string? error = null;
        try
        {
            spec = ExperimentReader.Parse(patched);
            CheckMesh(spec);
            ExperimentBuilder.BuildNetwork(spec, experimentDirectory);
            json = ExperimentWriter.Write(spec);
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException) // the reader's, a spike file's or the memory limit's
        {
            (spec, json, error) = (null, patched, e.Message);
        }
        return new SweepJob(id, values, json, Hash(json), spec, error);
    }

    /// <summary>A mesh whose connections would not fit in memory is refused before its network is built (it would be, to check the job).</summary>
    private static void CheckMesh(ExperimentSpec spec)
    {
        var n = spec.Network;
        Simulation.ResourceEstimate.ForMesh(n.MeshX, n.MeshY, defaultConnections: n.Model != "network")
            .ThrowIfOverLimit($"$.network.mesh_shape: [{n.MeshX}, {n.MeshY}]", "a smaller mesh_shape");
    }

    /// <summary>Relative spike_data globs (and the network's params file) become absolute, so a job's experiment file re-runs from any folder.</summary>
    private static void AbsoluteSpikeGlobs(JsonObject root, string experimentDirectory)
    {
        if (root["network"] is JsonObject network && network["params"] is JsonValue file && file.GetValueKind() == JsonValueKind.String
            && file.GetValue<string>() is var paramsFile && !Path.IsPathRooted(paramsFile))
            network["params"] = Path.GetFullPath(Path.Combine(experimentDirectory, paramsFile));
        foreach (var drive in root["drives"]!.AsArray())
            if (drive!["spike_data"] is JsonValue glob && glob.GetValueKind() == JsonValueKind.String
                && glob.GetValue<string>() is var files && !Path.IsPathRooted(files))
                drive["spike_data"] = Path.GetFullPath(Path.Combine(experimentDirectory, files));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
