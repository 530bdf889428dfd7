using System.CommandLine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.NetworkConfig;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn convert IN OUT`: an experiment file becomes an HNN-core network configuration file, and a
/// network configuration file becomes an experiment file — a plain one when the model and drives
/// rebuild the stored network exactly, else one whose network is IN itself (docs/network-config-file.md).
/// The output is written atomically.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "experiment file or HNN-core network configuration file" };
        var output = new Argument<string>("OUT") { Description = "file to write (the other kind)" };
        var tstop = new Option<double?>("--tstop") { Description = "network configuration → experiment: the experiment's tstop (ms); required" };
        var dt = new Option<double?>("--dt") { Description = "network configuration → experiment: time step (ms, default 0.025)" };
        var nTrials = new Option<int?>("--n-trials") { Description = "network configuration → experiment: trials (default 1)" };
        var command = new Command("convert", "Convert an experiment file to an HNN-core network configuration file, or back");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(tstop);
        command.Options.Add(dt);
        command.Options.Add(nTrials);
        command.SetAction(parse => UserError.Guard("convert", () =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            if (Path.GetFullPath(inPath) == Path.GetFullPath(outPath))
                throw new ArgumentException($"IN and OUT are the same file '{inPath}'; allowed: another OUT");
            if (File.Exists(inPath) && NetworkConfigFile.IsNetworkConfigFile(inPath))
                return ToExperiment(inPath, outPath, parse.GetValue(tstop), parse.GetValue(dt), parse.GetValue(nTrials));
            foreach (var (name, value) in new (string, object?)[] { ("--tstop", parse.GetValue(tstop)), ("--dt", parse.GetValue(dt)), ("--n-trials", parse.GetValue(nTrials)) })
                if (value is not null)
                    throw new ArgumentException($"{name} is only for a network configuration file; '{inPath}' is an experiment file, which has its own");
            return ToNetworkConfig(inPath, outPath);
        }));
        return command;
    }

    private static int ToNetworkConfig(string inPath, string outPath)
    {
        var (_, net) = ExperimentInput.Load(inPath);
        var text = ExperimentInput.Check(inPath, () => NetworkConfigFile.ToJson(net));
        AtomicFile.WriteText(outPath, w => w.Write(text));
        Console.WriteLine($"wrote the network of {inPath} ({net.CellCount} cells, {net.Drives.Count} drive(s), {net.Connections.Count} connections) to {outPath}");
        if (net.Drives.Any(d => d.Type == "spike_train"))
            Console.Error.WriteLine($"note: {outPath} holds spike-train drives; hnn reads them back, HNN-core v0.6.1's read_network_configuration cannot (KeyError)");
        return 0;
    }

    private static int ToExperiment(string inPath, string outPath, double? tstop, double? dt, int? nTrials)
    {
        if (tstop is null) throw new FormatException($"{inPath}: {ExperimentInput.NoTstop}");
        var config = NetworkConfigFile.Read(inPath);
        foreach (var note in config.Notes) Console.Error.WriteLine($"note: {inPath}: {note}");
        var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        var reference = Path.GetRelativePath(outDir, Path.GetFullPath(inPath));
        var (spec, plain, why) = ExperimentConversion.ToExperiment(config, reference, tstop.Value, dt ?? 0.025, nTrials ?? 1);
        // The same checks as reading it back: tstop, dt, n_trials.
        var text = ExperimentWriter.Write(spec);
        ExperimentReader.Parse(text);
        AtomicFile.WriteText(outPath, w => w.Write(text));
        Console.WriteLine(plain
            ? $"wrote {outPath}: model {spec.Network.Model}, mesh [{spec.Network.MeshX}, {spec.Network.MeshY}], {spec.Drives.Count} drive(s), {spec.TonicBiases.Count} bias(es)"
            : $"wrote {outPath}: its network is {reference} (\"network\": {{\"file\": ...}}) because {why}");
        return 0;
    }
}
