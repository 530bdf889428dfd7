using System.CommandLine;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn network EXPERIMENT.json`: what the experiment builds — gid ranges, drives (type, number of
/// drive cells, gids, targets) and one line per connectivity entry (source type, target type,
/// receptor, location, pair count). --tstop, --dt, --n-trials as for `hnn simulate` (a network
/// configuration file needs --tstop: drives are checked against the run).
/// </summary>
internal static class NetworkCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "experiment file (JSON, docs/experiment-file.md)" };
        var command = new Command("network", "Describe the network an experiment file builds: gid ranges, drives and connectivity");
        var overrides = new RunOverrides(postproc: false);
        command.Arguments.Add(experiment);
        overrides.AddTo(command);
        command.SetAction(parse => UserError.Guard("network", () =>
        {
            overrides.CheckValues(parse);
            var (spec, net) = ExperimentInput.Load(parse.GetValue(experiment)!, s => overrides.Apply(parse, s));
            Console.Write(Describe(net, spec.Network.Model));
            return 0;
        }));
        return command;
    }

    // A replay drive's target_config groups add their own target types.
    private static IEnumerable<string> TargetsOf(Drive d) =>
        d is SpikeTrainDrive s ? s.TargetTypes.Concat(s.TargetGroups.SelectMany(g => g.Targets.Select(t => t.CellType))).Distinct() : d.TargetTypes;

    internal static string Describe(NetworkSpec net, string model)
    {
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine($"network: {model}, mesh {net.MeshShape}{(net.LegacyMode ? ", legacy mode" : "")}, {net.CellCount} cells, {net.TotalGids} gids");
        w.WriteLine("gid ranges:");
        foreach (var r in net.GidRanges)
            w.WriteLine($"  {r.Name,-20} {r,-18} {r.Count} gids");
        w.WriteLine($"drives: {net.Drives.Count}");
        foreach (var d in net.Drives)
        {
            var extra = d is SpikeTrainDrive s
                ? $", {s.Sources.Count} sources, {s.Sources.Sum(x => x.Times.Count)} spikes per trial" +
                  (s.TargetGroups.Count > 0 ? $", {s.TargetGroups.Count} target_config group(s)" : "")
                : "";
            w.WriteLine($"  {d.Name,-20} {d.Type,-12} n_drive_cells {d.NDriveCells,-5} gids {d.Gids,-18} cell_specific {d.CellSpecific}, " +
                        $"location {d.Location}, targets {string.Join(" ", TargetsOf(d))}{extra}");
        }
        foreach (var b in net.TonicBiases)
            w.WriteLine($"  tonic bias {b.Name}: {b.CellType} {b.Amplitude} nA at {b.Section}, {b.T0}–{(b.TStop is { } e ? e.ToString() : "end")} ms");
        w.WriteLine($"connectivity: {net.Connections.Count} entries (source type, target type, receptor, location, pairs)");
        foreach (var c in net.Connections)
            w.WriteLine($"  {c.SourceType,-20} {c.TargetType,-14} {c.Receptor,-6} {c.Location,-15} {c.PairCount}");
        return w.ToString();
    }
}
