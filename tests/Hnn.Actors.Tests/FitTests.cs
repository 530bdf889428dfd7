using System.Globalization;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Fitting;
using Hnn.Biophysics.Random;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// Fits on the local actor system (docs/fit-file.md): a fit recovers drive times it did not know
/// from a dipole our own simulator made with them; the same fit gives the same history; a fit
/// stopped midway and run again with its history ends exactly where the uninterrupted one did.
/// </summary>
public sealed class FitTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2)), IDisposable
{
    private const double TrueProx = 24.0, TrueDist = 60.0;
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-fit-test-").FullName;

    // 3×3 mesh, 100 ms: the ERP's first two drives, small enough that a simulation takes a fraction of a second.
    private static string Experiment(double prox, double dist) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "network": {"model": "jones_2009_model", "mesh_shape": [3, 3]},
          "tstop": 100, "dt": 0.025, "n_trials": 1,
          "drives": [
            {"type": "evoked", "name": "evdist1", "mu": {{dist:R}}, "sigma": 3.85, "numspikes": 1, "location": "distal",
             "weights_ampa": {"L2_basket": 0.006562, "L2_pyramidal": 7e-06, "L5_pyramidal": 0.1423},
             "weights_nmda": {"L2_basket": 0.019482, "L2_pyramidal": 0.004317, "L5_pyramidal": 0.080074},
             "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_pyramidal": 0.1}, "event_seed": 274},
            {"type": "evoked", "name": "evprox1", "mu": {{prox:R}}, "sigma": 2.47, "numspikes": 1, "location": "proximal",
             "weights_ampa": {"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.00865},
             "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}, "event_seed": 544}
          ]
        }
        """);

    private string FitText(string solver, int budget, string more = "") => $$"""
        {
          "experiment": "experiment.json",
          "target": {"dipole": "target.txt"},
          "postproc": {"smooth": 20, "scale": 3000},
          "parameters": [
            {"path": "drives.evprox1.mu", "initial": 20.0, "bounds": [15, 35]},
            {"path": "drives.evdist1.mu", "initial": 66.0, "bounds": [50, 75]}
          ],
          "solver": "{{solver}}", "max_simulations": {{budget}}{{more}}
        }
        """;

    /// <summary>The target: our own simulation at the true drive times, prepared as the fit prepares it, plus Gaussian noise (seeded).</summary>
    private async Task<double> WriteTargetAsync(Simulator sim, double noise)
    {
        File.WriteAllText(Path.Combine(_dir, "experiment.json"), Experiment(TrueProx, TrueDist));
        var spec = ExperimentReader.Parse(Experiment(TrueProx, TrueDist));
        var run = await sim.SimulateDipoleAsync(ExperimentBuilder.BuildNetwork(spec, _dir), spec.TStop, spec.Dt, 1);
        var d = run.Dipoles[0];
        d.Scale(3000).Smooth(20);
        var rs = new RandomState(7);
        var agg = d[Dipole.Agg].Select(v => v + rs.Normal(0, noise)).ToArray();
        var target = new Dipole(d.Times, new Dictionary<string, double[]> { [Dipole.Agg] = agg });
        using (var w = new StreamWriter(Path.Combine(_dir, "target.txt"))) target.Write(w);
        var peak = agg.Max(Math.Abs);
        output.WriteLine($"target: {agg.Length} samples, peak |agg| {peak:F2}, noise sigma {noise}");
        return peak;
    }

    private Fit ReadFit(string solver, int budget, string more = "")
    {
        var path = Path.Combine(_dir, $"fit_{solver}.json");
        File.WriteAllText(path, FitText(solver, budget, more));
        return Fit.ReadFile(path);
    }

    [Fact]
    public async Task CmaEsRecoversTheDriveTimesOfATargetMadeWithThem()
    {
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        await WriteTargetAsync(sim, noise: 2.0);
        var fit = ReadFit("cma-es", 96, ", \"population\": 8, \"seed\": 3");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await sim.FitAsync(fit);
        var best = result.Best!;
        var trueLoss = await LossAtAsync(sim, fit, TrueProx, TrueDist);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cma-es, {result.Evaluations.Count} simulations in {clock.Elapsed.TotalSeconds:F1} s ({result.StopReason}): best loss {best.Loss:G6} at simulation {best.Simulation}, " +
            $"evprox1.mu {best.Values[0]:F3} (true {TrueProx}), evdist1.mu {best.Values[1]:F3} (true {TrueDist}); loss at the true values {trueLoss:G6}, ratio {best.Loss / trueLoss:F4}"));
        Assert.True(Math.Abs(best.Values[0] - TrueProx) <= 0.5, $"evprox1.mu {best.Values[0]} not within 0.5 ms of {TrueProx}");
        Assert.True(Math.Abs(best.Values[1] - TrueDist) <= 0.5, $"evdist1.mu {best.Values[1]} not within 0.5 ms of {TrueDist}");
        Assert.True(best.Loss <= 1.01 * trueLoss, $"best loss {best.Loss} is more than 1% above the true parameters' {trueLoss}");
        Assert.All(result.Evaluations, e => Assert.True(e.Succeeded, e.Error));
        Assert.NotNull(result.BestDipole);
        Assert.NotNull(result.BestExperimentJson);
    }

    /// <summary>
    /// The ERP fit's loss, as HNN-core v0.6.1's Optimizer computed it on NEURON
    /// (tests/data/fitting/hnn_core_cobyla_erp): at its first call (the start, 20 and 70 ms) and at the true values.
    /// </summary>
    [Fact]
    public async Task TheErpLossEqualsHnnCoresAtTheStartAndAtTheTrueValues()
    {
        await using var sim = new Simulator(Sys);
        var fit = Fit.ReadFile(TestData.Example("fit_erp.json"));
        var history = File.ReadAllLines(TestData.Path("fitting", "hnn_core_cobyla_erp", "history.csv"));
        Assert.StartsWith("call,evprox1_mu,evdist1_mu,loss,", history[0]);
        var first = history[1].Split(',');
        Assert.Equal(["0", "20.0", "70.0"], first[..3]);
        var hnnStart = double.Parse(first[3], CultureInfo.InvariantCulture);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestData.Path("fitting", "hnn_core_cobyla_erp", "summary.json")));
        var hnnTrue = summary.RootElement.GetProperty("true_params_eval").GetProperty("loss").GetDouble();
        var ours = (Start: await LossAtAsync(sim, fit, 20.0, 70.0), True: await LossAtAsync(sim, fit, 26.61, 63.53));
        var (errStart, errTrue) = (Math.Abs(ours.Start - hnnStart) / hnnStart, Math.Abs(ours.True - hnnTrue) / hnnTrue);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start (20, 70): ours {ours.Start:R}, HNN-core {hnnStart:R}, relative {errStart:E2}; true (26.61, 63.53): ours {ours.True:R}, HNN-core {hnnTrue:R}, relative {errTrue:E2} (allowed 1e-9)"));
        Assert.True(errStart <= 1e-9 && errTrue <= 1e-9);
    }

    [Fact]
    public async Task TheSameFitGivesTheSameHistoryAndAStoppedFitResumesToIt()
    {
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        await WriteTargetAsync(sim, noise: 2.0);
        var fit = ReadFit("cma-es", 12, ", \"population\": 4, \"seed\": 5");
        var whole = await sim.FitAsync(fit);
        var again = await sim.FitAsync(fit);
        Assert.Equal(Rows(whole.Evaluations), Rows(again.Evaluations));

        // Stop after the first generation's last simulation, then resume with what was recorded.
        var stopped = new FitHistory();
        using var cancel = new CancellationTokenSource();
        stopped.Recorded += e => { if (stopped.Evaluations.Count >= 5) cancel.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sim.FitAsync(fit, null, cancel.Token, stopped));
        var kept = stopped.Evaluations;
        output.WriteLine($"stopped after {kept.Count} of 12 simulations");
        Assert.InRange(kept.Count, 5, 8);
        var reused = 0;
        var resumed = await sim.FitAsync(fit, new Progress<FitProgress>(p => reused = Math.Max(reused, p.Reused)), default, new FitHistory(kept));
        Assert.Equal(Rows(whole.Evaluations), Rows(resumed.Evaluations));
        Assert.Equal(whole.Best!.Simulation, resumed.Best!.Simulation);
        output.WriteLine($"resumed: {resumed.Evaluations.Count} simulations, of which taken from the stopped run: at least {reused}; best {resumed.Best.Loss:G6} (uninterrupted {whole.Best.Loss:G6})");
    }

    [Fact]
    public async Task AFailingObjectiveFailsItsCandidatesAndTheFitGoesOn()
    {
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        await WriteTargetAsync(sim, noise: 2.0);
        var calls = 0;
        var fit = ReadFit("cma-es", 4, ", \"population\": 2").WithObjective(FitObjective.Custom("flaky", s =>
            Interlocked.Increment(ref calls) % 2 == 0 ? throw new InvalidOperationException("no good") : s.Average[Dipole.Agg].Max()));
        var result = await sim.FitAsync(fit);
        Assert.Equal(4, result.Evaluations.Count);
        Assert.Equal(2, result.Evaluations.Count(e => !e.Succeeded));
        Assert.All(result.Evaluations.Where(e => !e.Succeeded), e => Assert.Contains("objective flaky: no good", e.Error));
        Assert.NotNull(result.Best);
        output.WriteLine(string.Join("\n", result.Evaluations.Select(e => $"{e.Simulation}: {e.Loss:G6} {e.Error}")));
    }

    /// <summary>The fit's loss at given values, computed as the fit computes it.</summary>
    private async Task<double> LossAtAsync(Simulator sim, Fit fit, double prox, double dist)
    {
        var candidate = fit.Candidate([prox, dist]);
        var spec = candidate.Experiment!;
        var run = await sim.SimulateDipoleAsync(ExperimentBuilder.BuildNetwork(spec, fit.ExperimentDirectory), spec.TStop, spec.Dt, spec.NTrials);
        var prepared = FitSimulation.Prepare(candidate.ByPath(fit.Parameters), run.Trials, run.Dipoles, fit.Postproc, ["L2_basket"], run.Tstop);
        return fit.Objective.Loss(prepared);
    }

    private static string[] Rows(IReadOnlyList<FitEvaluation> evaluations) =>
        evaluations.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Simulation},{e.Generation},{string.Join(",", e.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))},{e.Loss:R},{e.Key}")).ToArray();

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        base.Dispose();
    }
}
