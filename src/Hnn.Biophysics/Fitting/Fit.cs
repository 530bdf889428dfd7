using System.Globalization;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Fitting.Objectives;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Fitting;

/// <summary>
/// A fit of an experiment to data (docs/fit-file.md): the base experiment, the parameters to
/// move within their bounds, the objective, the post-processing applied to each simulated dipole
/// before it is compared, the solver and the simulation budget. Everything wrong with the file is a
/// <see cref="FitFileException"/> here, before any simulation: the experiment is built at the
/// initial values and at every bound.
/// </summary>
public sealed class Fit
{
    private readonly string _baseText;
    private readonly ExperimentLocation[] _locations;

    private Fit(FitDefinition d, string baseText, ExperimentLocation[] locations, FitObjective objective, int maxSimulations)
    {
        _baseText = baseText;
        _locations = locations;
        ExperimentDirectory = d.ExperimentDirectory;
        Parameters = d.Parameters;
        Objective = objective;
        Postproc = d.Postproc;
        Solver = d.Solver;
        MaxSimulations = maxSimulations;
        Population = d.Population;
        Seed = d.Seed;
        TStop = d.Experiment.TStop;
        Dt = d.Experiment.Dt;
        NTrials = d.NTrials ?? d.Experiment.NTrials;
        Definition = d;
    }

    internal FitDefinition Definition { get; }

    /// <summary>The experiment's folder (where its relative files resolve).</summary>
    public string ExperimentDirectory { get; }

    /// <summary>The fitted parameters in file order (the columns of history.csv).</summary>
    public IReadOnlyList<FitParameter> Parameters { get; }

    /// <summary>What is minimised.</summary>
    public FitObjective Objective { get; }

    /// <summary>Applied to every simulated trial's dipole before the objective sees it (scale, then smooth); null: none.</summary>
    public PostprocEntry? Postproc { get; }

    /// <summary>"cma-es", "cobyla" or "nelder-mead".</summary>
    public string Solver { get; }

    /// <summary>The most simulations the fit runs (candidates that fail count too).</summary>
    public int MaxSimulations { get; }

    /// <summary>CMA-ES candidates per generation; null: its default, 4 + ⌊3 ln n⌋.</summary>
    public int? Population { get; }

    /// <summary>Seed of the solver's random draws (CMA-ES).</summary>
    public long Seed { get; }

    public double TStop { get; }

    public double Dt { get; }

    /// <summary>Trials per candidate; the objective sees their average.</summary>
    public int NTrials { get; }

    /// <summary>The recorded dipole of a "dipole_rmse" objective; null for other objectives.</summary>
    public Dipole? Target => Objective is DipoleRmseObjective rmse ? rmse.Target : null;

    /// <summary>The target's compared column ("agg" unless the file says otherwise).</summary>
    public string Column => Objective is DipoleRmseObjective rmse ? rmse.Column : Dipole.Agg;

    /// <summary>
    /// Identifies what a loss means (the experiment, parameters and bounds, objective, postproc,
    /// solver, population and seed, but not the budget): a resumed fit reuses losses only under the
    /// same key, and a larger budget continues the same search.
    /// </summary>
    public string Key => Sweep.Hash(string.Join("\n",
        _baseText, string.Join(";", Parameters.Select(p => p.ToString())), Objective.Canonical, PostprocText, Solver,
        Population?.ToString(CultureInfo.InvariantCulture) ?? "default", Seed.ToString(CultureInfo.InvariantCulture),
        NTrials.ToString(CultureInfo.InvariantCulture)));

    private string PostprocText => Postproc is null ? "postproc=none" : $"postproc={Postproc.SmoothMs:R}/{Postproc.Scale:R}";

    /// <summary>Reads a fit file; its experiment and target resolve against its folder.</summary>
    public static Fit ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FitFileException(path, "$", $"cannot read fit file: {e.Message}", e);
        }
        try
        {
            return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (FitFileException e)
        {
            throw e.InFile(path);
        }
    }

    /// <param name="json">The fit file's text.</param>
    /// <param name="baseDirectory">Where "experiment" and the target resolve (the fit file's folder).</param>
    public static Fit Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        baseDirectory = Path.GetFullPath(baseDirectory);
        var d = FitReader.Parse(json, baseDirectory);
        var prepared = JsonNode.Parse(ExperimentWriter.Write(d.Experiment))!.AsObject();
        // The fit prepares each dipole itself, in the optimiser's order (docs/dev/fitting.md §2).
        prepared.Remove("postproc");
        if (d.NTrials is { } nTrials) prepared["n_trials"] = nTrials;
        ExperimentLocation[] locations;
        try
        {
            locations = ExperimentPaths.Resolve(prepared, d.Parameters.Select(p => p.Path).ToArray(), j => $"$.parameters[{j}].path");
        }
        catch (SweepFileException e)
        {
            throw new FitFileException(null, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
        }
        for (var j = 0; j < locations.Length; j++)
            if (!locations[j].Kinds.HasFlag(ValueKinds.Number))
                throw new FitFileException(null, $"$.parameters[{j}].path",
                    $"\"{d.Parameters[j].Path}\" holds {locations[j].Kinds.Describe()}; allowed: a path holding a real number (a fit moves values continuously)");
        var fit = new Fit(d, prepared.ToJsonString(), locations, d.Objective, d.MaxSimulations);
        fit.CheckBuilds();
        return fit;
    }

    /// <summary>The same fit with another objective, e.g. a C# loss (<see cref="FitObjective.Custom"/>).</summary>
    public Fit WithObjective(FitObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return new Fit(Definition, _baseText, _locations, objective, MaxSimulations);
    }

    /// <summary>The same fit with another budget (a resumed fit may be given more).</summary>
    public Fit WithMaxSimulations(int maxSimulations)
    {
        if (maxSimulations is < 1 or > FitReader.MaxSimulationsLimit)
            throw new ArgumentOutOfRangeException(nameof(maxSimulations), maxSimulations, $"max_simulations = {maxSimulations} is not allowed; allowed: 1 … {FitReader.MaxSimulationsLimit}");
        return new Fit(Definition, _baseText, _locations, Objective, maxSimulations);
    }

    /// <summary>The candidate at these physical values (in parameter order): its experiment, or why the experiment refuses them.</summary>
    internal FitCandidate Candidate(IReadOnlyList<double> values)
    {
        if (values.Count != Parameters.Count)
            throw new ArgumentException($"{values.Count} values for {Parameters.Count} parameters", nameof(values));
        var row = values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();
        var job = Sweep.Job(0, _baseText, _locations, row, ExperimentDirectory);
        var key = Sweep.Hash(job.Hash + "\n" + Objective.Canonical + "\n" + PostprocText);
        return new FitCandidate(values, job.ExperimentJson, key, job.Experiment, job.Error);
    }

    /// <summary>
    /// The experiment file of these values as `hnn simulate` should run it: the candidate's experiment
    /// with the fit's postproc, so its dipole files show what was compared.
    /// </summary>
    public string ExperimentFileFor(IReadOnlyList<double> values)
    {
        var candidate = Candidate(values);
        if (candidate.Error is { } error) throw new ArgumentException($"the experiment refuses these values: {error}", nameof(values));
        var root = JsonNode.Parse(candidate.ExperimentJson)!.AsObject();
        if (Postproc is { } pp)
            root["postproc"] = new JsonObject { ["smooth"] = pp.SmoothMs, ["scale"] = pp.Scale };
        return ExperimentWriter.Write(ExperimentReader.Parse(root.ToJsonString()));
    }

    /// <summary>The initial values in parameter order.</summary>
    public IReadOnlyList<double> InitialValues => Parameters.Select(p => p.Initial).ToArray();

    /// <summary>The experiment must accept the initial values and each bound (the others at their initial values).</summary>
    private void CheckBuilds()
    {
        var initial = InitialValues.ToArray();
        if (Candidate(initial).Error is { } error)
            throw new FitFileException(null, "$.parameters", $"the experiment refuses the initial values ({string.Join(", ", Parameters.Select(p => $"{p.Path} = {p.Initial:R}"))}): {error}");
        for (var j = 0; j < Parameters.Count; j++)
            foreach (var bound in (double[])[Parameters[j].Lower, Parameters[j].Upper])
            {
                var values = (double[])initial.Clone();
                values[j] = bound;
                if (Candidate(values).Error is { } boundError)
                    throw new FitFileException(null, $"$.parameters[{j}].bounds",
                        string.Create(CultureInfo.InvariantCulture, $"the experiment refuses \"{Parameters[j].Path}\" = {bound:R}: {boundError.TrimEnd('.')}; allowed: bounds the experiment accepts"));
            }
    }
}
