using System.Text.Json.Nodes;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.NetworkConfig;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>`hnn convert` both ways and `hnn simulate` given a network configuration file (docs/network-config-file.md).</summary>
public sealed class ConvertCommandTests(ITestOutputHelper output)
{
    private static string Config(string folder) => TestData.Path("hnn_files", "configs", folder, "net.json");

    private static string Erp5x5Experiment(string dir)
    {
        var root = JsonNode.Parse(File.ReadAllText(TestData.Example("erp.json")))!;
        root["network"]!["mesh_shape"] = new JsonArray(5, 5);
        var path = Path.Combine(dir, "erp5.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Fact]
    public void ExperimentToNetworkConfigIsHnnCoresFile()
    {
        var dir = HnnProcess.TempDir();
        var outPath = Path.Combine(dir, "net.json");
        var r = HnnProcess.Run("convert", Erp5x5Experiment(dir), outPath);
        Assert.True(r.ExitCode == 0, r.Stderr);
        output.WriteLine(r.Stdout);
        var ours = File.ReadAllLines(outPath);
        var hnnCore = File.ReadAllLines(Config("erp"));
        Assert.Equal(hnnCore.Length, ours.Length);
        var differing = ours.Zip(hnnCore).Count(p => p.First != p.Second);
        output.WriteLine($"{differing} of {ours.Length} lines differ (gbar_ar values, numpy's exp rounding)");
        Assert.InRange(differing, 0, 12);
    }

    /// <summary>
    /// The committed HNN-core round trip (tests/data/hnn_files/configs/convert): HNN-core v0.6.1 read
    /// ours.json, which this command wrote from exp.json, and NEURON simulated it. The command still
    /// writes those bytes, and HNN-core's own re-write of it (net.json) reads back here to the network
    /// exp.json builds (same file again when written), so what HNN-core loaded is what we simulate.
    /// </summary>
    [Fact]
    public void ConvertedFileIsTheOneHnnCoreReadBack()
    {
        var dir = HnnProcess.TempDir();
        var outPath = Path.Combine(dir, "ours.json");
        var folder = TestData.Path("hnn_files", "configs", "convert");
        var r = HnnProcess.Run("convert", Path.Combine(folder, "exp.json"), outPath);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "ours.json")), File.ReadAllText(outPath));

        var rewritten = NetworkConfigFile.Read(Path.Combine(folder, "net.json"));
        Assert.True(rewritten.HasBuiltInCells, "HNN-core's re-write keeps the built-in cells (end points within 1e-9)");
        var ours = NetworkConfigFile.ToJson(ExperimentBuilder.BuildNetwork(ExperimentReader.ReadFile(Path.Combine(folder, "exp.json"))));
        Assert.Equal(ours, NetworkConfigFile.ToJson(rewritten.Network));
    }

    [Fact]
    public void NetworkConfigToPlainExperimentAndBack()
    {
        var dir = HnnProcess.TempDir();
        var experiment = Path.Combine(dir, "exp.json");
        var r = HnnProcess.Run("convert", Config("erp"), experiment, "--tstop", "170");
        Assert.True(r.ExitCode == 0, r.Stderr);
        output.WriteLine(r.Stdout);
        Assert.Contains("model jones_2009_model", r.Stdout);
        var spec = ExperimentReader.ReadFile(experiment);
        Assert.Null(spec.Network.File);
        Assert.Equal((5, 5, 3, 170.0), (spec.Network.MeshX, spec.Network.MeshY, spec.Drives.Count, spec.TStop));

        var back = Path.Combine(dir, "back.json");
        var again = Path.Combine(dir, "again.json");
        Assert.Equal(0, HnnProcess.Run("convert", experiment, back).ExitCode);
        Assert.Equal(0, HnnProcess.Run("convert", Erp5x5Experiment(dir), again).ExitCode);
        Assert.Equal(File.ReadAllText(again), File.ReadAllText(back));
    }

    /// <summary>The jones model plus two add_connection calls, biases, Poisson and bursty drives: a plain experiment that rebuilds every pair.</summary>
    [Fact]
    public void ExtraConnectionsBecomeExperimentConnections()
    {
        var dir = HnnProcess.TempDir();
        var experiment = Path.Combine(dir, "exp.json");
        var r = HnnProcess.Run("convert", Config("bias_conns"), experiment, "--tstop", "170");
        Assert.True(r.ExitCode == 0, r.Stderr);
        output.WriteLine(r.Stdout);
        var spec = ExperimentReader.ReadFile(experiment);
        Assert.Equal(("jones_2009_model", 2, 2, 3), (spec.Network.Model, spec.Network.Connections.Count, spec.Drives.Count, spec.TonicBiases.Count));
        Assert.Equal("L2_basket", spec.Network.Connections[0].SrcGids.Name);
        var rebuilt = ExperimentBuilder.BuildNetwork(spec, dir);
        var stored = NetworkConfigFile.Read(Config("bias_conns")).Network;
        Assert.Equal(stored.GidRanges, rebuilt.GidRanges);
        Assert.Equal(stored.Connections.Select(c => (c.SourceType, c.TargetType, c.Receptor, c.Weight, c.Delay, c.Lamtha, c.PairCount)),
            rebuilt.Connections.Select(c => (c.SourceType, c.TargetType, c.Receptor, c.Weight, c.Delay, c.Lamtha, c.PairCount)));
        Assert.True(stored.Connections.Zip(rebuilt.Connections).All(p =>
            p.First.Pairs.Select(x => (x.Source, string.Join(",", x.Targets))).SequenceEqual(p.Second.Pairs.Select(x => (x.Source, string.Join(",", x.Targets))))));
    }

    [Fact]
    public void EditedCellsBecomeAFileReference()
    {
        var dir = HnnProcess.TempDir();
        var experiment = Path.Combine(dir, "exp.json");
        var r = HnnProcess.Run("convert", Config("edited_cell"), experiment, "--tstop", "50", "--n-trials", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        output.WriteLine(r.Stdout);
        Assert.Contains("its cells differ from the built-in templates", r.Stdout);
        var spec = ExperimentReader.ReadFile(experiment);
        Assert.Equal(Path.GetFullPath(Config("edited_cell")), Path.GetFullPath(Path.Combine(dir, spec.Network.File!)));
        Assert.Equal((50.0, 2), (spec.TStop, spec.NTrials));
        var net = ExperimentBuilder.BuildNetwork(spec, dir);
        var read = NetworkConfigFile.Read(Config("edited_cell")).Network;
        Assert.Equal(read.GidRanges, net.GidRanges);
        Assert.Equal(600.0, net.TemplateOf("L5_pyramidal").MechanismOf("soma", "km")!.Parameters[0].Value);
    }

    [Theory]
    [InlineData("convert")]
    [InlineData("simulate")]
    [InlineData("events")]
    [InlineData("network")]
    public void ANetworkConfigFileNeedsTstop(string verb)
    {
        var dir = HnnProcess.TempDir();
        var args = verb switch
        {
            "convert" => new[] { "convert", Config("erp"), Path.Combine(dir, "exp.json") },
            "events" => new[] { "events", Config("erp"), "--out", Path.Combine(dir, "events.csv") },
            "network" => new[] { "network", Config("erp") },
            _ => new[] { "simulate", Config("erp"), "--out", Path.Combine(dir, "run") },
        };
        var r = HnnProcess.Run(args);
        output.WriteLine(r.Stderr);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("a network configuration file has no tstop; pass --tstop", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    /// <summary>`hnn events net.json --tstop 170`: the drive events HNN-core drew for the file it read back, bit for bit.</summary>
    [Fact]
    public void EventsOfANetworkConfigFileAreHnnCoresEvents()
    {
        var dir = HnnProcess.TempDir();
        var outPath = Path.Combine(dir, "events.csv");
        var r = HnnProcess.Run("events", Config("erp"), "--tstop", "170", "--out", outPath);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] Sorted(string path) => File.ReadAllLines(path).Skip(1).Order(StringComparer.Ordinal).ToArray();
        var reference = Sorted(TestData.Path("hnn_files", "configs", "erp", "readback", "drive_events_trial0.csv"));
        var ours = Sorted(outPath);
        output.WriteLine($"{ours.Length} events (HNN-core {reference.Length}), {ours.Intersect(reference).Count()} identical lines");
        Assert.Equal(reference, ours);
    }

    /// <summary>What simulate and events load for a network configuration file once --tstop is given.</summary>
    [Fact]
    public void ANetworkConfigFileLoadsAsAnExperimentWithoutDrivesOfItsOwn()
    {
        var (spec, net) = Cli.ExperimentInput.Load(Config("spike_train"), s => s with { TStop = 20, Dt = 0.05, NTrials = 2 });
        Assert.Equal(Path.GetFullPath(Config("spike_train")), spec.Network.File);
        Assert.Equal((20.0, 0.05, 2, 0), (spec.TStop, spec.Dt, spec.NTrials, spec.Drives.Count));
        Assert.Equal(NetworkConfigFile.Read(Config("spike_train")).Network.GidRanges, net.GidRanges);
        var e = Assert.Throws<FormatException>(() => Cli.ExperimentInput.Load(Config("erp")));
        Assert.Contains(Cli.ExperimentInput.NoTstop, e.Message);
    }

    [Fact]
    public void SimulateRunsANetworkConfigFileWithTstop()
    {
        var dir = HnnProcess.TempDir();
        var run = Path.Combine(dir, "run");
        var r = HnnProcess.Run("simulate", Config("erp"), "--tstop", "30", "--out", run);
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(Path.Combine(run, "spk_0.txt")));
        var noTstop = HnnProcess.Run("simulate", Config("erp"), "--dt", "0.05", "--out", Path.Combine(dir, "run2"));
        Assert.Equal(2, noTstop.ExitCode);
        Assert.Contains("a network configuration file has no tstop; pass --tstop", noTstop.Stderr);
    }

    [Fact]
    public void BrokenNetworkConfigNamesFileAndPath()
    {
        var dir = HnnProcess.TempDir();
        var bad = TestData.Path("hnn_files", "configs", "bad", "missing_key.json");
        var r = HnnProcess.Run("convert", bad, Path.Combine(dir, "exp.json"), "--tstop", "170");
        output.WriteLine(r.Stderr);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing_key.json: $.cell_types.L5_pyramidal.cell_object.sections.apical_tuft.diam: missing", r.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void TstopIsRefusedForAnExperimentFile()
    {
        var dir = HnnProcess.TempDir();
        var r = HnnProcess.Run("convert", TestData.Example("erp.json"), Path.Combine(dir, "net.json"), "--tstop", "100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tstop is only for a network configuration file", r.Stderr);
    }
}
