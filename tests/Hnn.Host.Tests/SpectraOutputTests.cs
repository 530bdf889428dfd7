using System.Globalization;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// An experiment's "spectra": `hnn simulate` writes psd.csv/psd.png and tfr.csv/tfr.png computed
/// from the dipole it writes (the CSVs equal DipolePsd/MorletTfr of dipole_0.csv to the last bit);
/// the entry round-trips through the experiment writer; a frequency the run cannot resolve exits 2
/// with one line before anything runs.
/// </summary>
public sealed class SpectraOutputTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 60, "dt": 0.025, "n_trials": 1,
         "drives": [{"type": "evoked", "name": "evprox1", "mu": 20, "sigma": 2, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.5},
                     "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}, "event_seed": 544}],
         "spectra": SPECTRA}
        """;

    private const string Good = """{"psd": {"fmin": 0, "fmax": 200}, "tfr": {"freqs": {"start": 80, "stop": 120, "step": 10}, "n_cycles": 7}}""";

    private static double[][] Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void SimulateWritesThePsdAndTfrOfTheDipoleItWrites()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, Experiment.Replace("SPECTRA", Good));
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("simulate", file, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var png in new[] { "psd.png", "tfr.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(outDir, png))[..4]);

        // dipole_0.csv holds the run's dipole at full precision: recompute both spectra from it.
        var csv = File.ReadAllLines(Path.Combine(outDir, "dipole_0.csv"));
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var dipole = new Dipole(rows.Select(x => x[0]).ToArray(),
            header.Skip(1).Select((c, j) => (c, j)).ToDictionary(x => x.c, x => rows.Select(row => row[x.j + 1]).ToArray()));
        var (freqs, power) = DipolePsd.Of([dipole]);
        var psd = Rows(Path.Combine(outDir, "psd.csv"));
        Assert.Equal(freqs, psd.Select(x => x[0]));
        Assert.Equal(power, psd.Select(x => x[1]));
        var tfr = MorletTfr.Power([dipole], [80.0, 90.0, 100.0, 110.0], [7.0]);
        var written = Rows(Path.Combine(outDir, "tfr.csv"));
        Assert.Equal(tfr.Times, written.Select(x => x[0]));
        for (var f = 0; f < 4; f++)
            Assert.Equal(Enumerable.Range(0, tfr.Times.Length).Select(k => tfr.Power[f, k]), written.Select(x => x[f + 1]));
        output.WriteLine($"psd.csv: {psd.Length} bins; tfr.csv: {written.Length} times × 4 frequencies; both equal to the last bit");

        var spec = ExperimentReader.Parse(File.ReadAllText(file));
        var again = ExperimentReader.Parse(ExperimentWriter.Write(spec));
        Assert.Equal(spec.Spectra!.Psd, again.Spectra!.Psd);
        Assert.Equal(spec.Spectra.Tfr!.Freqs, again.Spectra.Tfr!.Freqs);
        Assert.Equal([80.0, 90.0, 100.0, 110.0], spec.Spectra.Tfr.Freqs);
    }

    [Fact]
    public void DecimIsAppliedBeforeBothSpectra()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, Experiment.Replace("SPECTRA",
            """{"psd": {"fmax": 200, "decim": 10}, "tfr": {"freqs": [80, 100], "n_cycles": 7, "decim": [2, 5]}}"""));
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("simulate", file, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var csv = File.ReadAllLines(Path.Combine(outDir, "dipole_0.csv"));
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var dipole = new Dipole(rows.Select(x => x[0]).ToArray(),
            header.Skip(1).Select((c, j) => (c, j)).ToDictionary(x => x.c, x => rows.Select(row => row[x.j + 1]).ToArray()));
        var (freqs, power) = DipolePsd.Of([dipole], decim: [10]);
        var psd = Rows(Path.Combine(outDir, "psd.csv"));
        Assert.Equal(freqs, psd.Select(x => x[0]));
        Assert.Equal(power, psd.Select(x => x[1]));
        Assert.Equal(2000.0, freqs[^1], 1e-9); // 40 kHz / 10, Nyquist 2 kHz
        var tfr = MorletTfr.Power([dipole], [80.0, 100.0], [7.0], decim: [2, 5]);
        var written = Rows(Path.Combine(outDir, "tfr.csv"));
        Assert.Equal(240, written.Length); // 2400 samples (the last left out) decimated by 10
        Assert.Equal(tfr.Times, written.Select(x => x[0]));
        for (var f = 0; f < 2; f++)
            Assert.Equal(Enumerable.Range(0, tfr.Times.Length).Select(k => tfr.Power[f, k]), written.Select(x => x[f + 1]));
        output.WriteLine($"decimated: psd.csv {psd.Length} bins up to {freqs[^1]} Hz; tfr.csv {written.Length} times, both equal to the last bit");
        var spec = ExperimentReader.Parse(File.ReadAllText(file));
        var again = ExperimentReader.Parse(ExperimentWriter.Write(spec));
        Assert.Equal([10], again.Spectra!.Psd!.Decim!);
        Assert.Equal([2, 5], again.Spectra.Tfr!.Decim!);
    }

    public static TheoryData<string, string> BadSpectra => new()
    {
        { """{"tfr": {"freqs": [10, 20]}}""", "10 Hz with 7 cycles needs a wavelet of" },
        { """{"tfr": {"freqs": [0, 20]}}""", "frequency 0 is not allowed" },
        { """{"tfr": {"freqs": {"start": 50, "stop": 40, "step": 5}}}""", "$.spectra.tfr.freqs.stop" },
        { """{"tfr": {"freqs": [100], "n_cycles": 0}}""", "$.spectra.tfr.n_cycles" },
        { """{"psd": {"fmin": 50, "fmax": 10}}""", "$.spectra.psd.fmax" },
        { """{"psd": {}, "spectrum": {}}""", "$.spectra.spectrum" },
        { """{"psd": {"decim": 2.5}}""", "$.spectra.psd.decim: the number 2.5 is not allowed" },
        { """{"tfr": {"freqs": [100], "decim": [10, 10, 10]}}""", "$.spectra.tfr.decim" },
        { """{"tfr": {"freqs": [300], "decim": 100}}""", "above the Nyquist frequency 200 Hz" },
    };

    [Theory]
    [MemberData(nameof(BadSpectra))]
    public void ABadSpectraEntryExitsWith2WithOneLine(string spectra, string message)
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, Experiment.Replace("SPECTRA", spectra));
        var r = HnnProcess.Run("simulate", file, "--out", Path.Combine(dir, "out"));
        output.WriteLine(r.Stderr.Trim());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
