using System.Globalization;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn simulate` with "electrode_arrays": every trial's lfp_&lt;array&gt;_&lt;trial&gt;.csv holds the engine's
/// potentials at full precision, a laminar array gets its laminar LFP and CSD plots, a non-laminar one
/// only its CSV.
/// </summary>
public sealed class LfpOutputTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 20, "dt": 0.025, "n_trials": 2,
         "electrode_arrays": {"shank": {"positions": [[1, 1, -100], [1, 1, 200], [1, 1, 500], [1, 1, 800], [1, 1, 1100]]},
                              "two": {"positions": [[0, 50, 0], [70, 0, 900], [0, 0, 100]], "method": "lsa"}},
         "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_pyramidal": 0.02, "L5_pyramidal": 0.02, "L2_basket": 0.02, "L5_basket": 0.02}}]}
        """;

    [Fact]
    public void SimulateWritesPotentialsAndLaminarPlots()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "lfp.json");
        File.WriteAllText(file, Experiment);
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("simulate", file, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var names = Directory.GetFiles(outDir).Select(p => Path.GetFileName(p)!).Where(n => n.Contains("lfp") || n.Contains("csd")).Order().ToArray();
        output.WriteLine(string.Join(" ", names));
        Assert.Equal(["csd_shank.png", "lfp_shank.png", "lfp_shank_0.csv", "lfp_shank_1.csv", "lfp_two_0.csv", "lfp_two_1.csv"], names);

        var spec = ExperimentReader.Parse(Experiment);
        var reference = new NetworkTrial(ExperimentBuilder.BuildNetwork(spec), spec.TStop, spec.Dt).Run().Potentials["shank"];
        var lines = File.ReadAllLines(Path.Combine(outDir, "lfp_shank_0.csv"));
        Assert.Equal("time,e0,e1,e2,e3,e4", lines[0]);
        Assert.Equal(802, lines.Length);
        var peak = reference.Max(c => c.Max(Math.Abs));
        var worst = 0.0;
        for (var s = 1; s < lines.Length; s++)
        {
            var cells = lines[s].Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            for (var c = 0; c < 5; c++) worst = Math.Max(worst, Math.Abs(cells[c] - reference[c][s - 1]));
        }
        output.WriteLine($"lfp_shank_0.csv vs the sequential engine: max|Δ| {worst:E2} µV (peak {peak:E3} µV)");
        Assert.True(worst <= 1e-12 * peak);
        Directory.Delete(dir, recursive: true);
    }
}
