using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.NetworkConfig;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>
/// Loads an experiment file for a verb: reads it, checks that its network fits in memory before
/// building it, builds it (spike-file globs relative to the file's folder), checks every drive
/// against the event bound and the seed range of all trials, and prefixes every problem with
/// the file's name, so the one stderr line says which file and which JSON path is wrong.
/// An HNN-core network configuration file (top-level "object_type": "Network") is read as an
/// experiment whose network is that file, with no drives of its own; it stores no simulation
/// settings, so the adjustment (hnn simulate's --tstop) must give one (docs/network-config-file.md).
/// </summary>
internal static class ExperimentInput
{
    public const string NoTstop = "a network configuration file has no tstop; pass --tstop";

    /// <param name="adjust">Applied to the file's values before anything is checked or built (hnn simulate's --tstop, …);
    /// a network configuration file has no tstop, so for one it must give it.</param>
    public static (ExperimentSpec Spec, NetworkSpec Network) Load(string path, Func<ExperimentSpec, ExperimentSpec>? adjust = null)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"experiment file '{path}' does not exist", path);
        try
        {
            ExperimentSpec spec;
            if (File.Exists(path) && NetworkConfigFile.IsNetworkConfigFile(path)) spec = NetworkConfigExperiment(path, adjust);
            else
            {
                spec = ExperimentReader.ReadFile(path);
                if (adjust is not null) spec = adjust(spec);
            }
            CheckMesh(spec.Network, "$.network");
            var net = ExperimentBuilder.BuildNetwork(spec, Path.GetDirectoryName(Path.GetFullPath(path)),
                note => Console.Error.WriteLine($"note: {note}"));
            CheckDrives(net, spec.TStop, spec.NTrials, (i, d) => $"$.drives[{i}] ('{d.Name}')");
            return (spec, net);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException and not FileNotFoundException)
        {
            throw new FormatException($"{path}: {UserError.Describe(e)}", e);
        }
    }

    /// <summary>A mesh this machine can build (the default connections' pairs dominate), before building it.</summary>
    internal static void CheckMesh(NetworkSection n, string at) =>
        ResourceEstimate.ForMesh(n.MeshX, n.MeshY, defaultConnections: n.Model != "network").ThrowIfOverLimit(
            $"{at}.mesh_shape: [{n.MeshX}, {n.MeshY}] (about {9.2 * n.MeshX * n.MeshY * n.MeshX * n.MeshY:G3} connection pairs)",
            "a smaller mesh_shape");

    /// <summary>Every drive's events per cell and seeds of every trial within bounds; the error names the drive by <paramref name="pathOf"/>.</summary>
    internal static void CheckDrives(NetworkSpec net, double tstop, int nTrials, Func<int, Hnn.Biophysics.Drives.Drive, string> pathOf)
    {
        for (var i = 0; i < net.Drives.Count; i++)
        {
            var d = net.Drives[i];
            if ((DriveLimits.EventProblem(d, tstop) ?? DriveLimits.SeedProblem(d, nTrials, net.TotalGids)) is { } problem)
                throw new FormatException($"{pathOf(i, d)}: {UserError.Describe(problem)}", problem);
        }
    }

    // The file is the network; the run settings come from the options alone (tstop starts unset).
    private static ExperimentSpec NetworkConfigExperiment(string path, Func<ExperimentSpec, ExperimentSpec>? adjust)
    {
        var network = new NetworkSection("network", 10, 10, false, null, null, [], File: Path.GetFullPath(path));
        var spec = new ExperimentSpec(network, double.NaN, 0.025, 1, [], []);
        if (adjust is null) throw new FormatException(NoTstop);
        try
        {
            spec = adjust(spec);
        }
        catch (FormatException e) when (e.Message.StartsWith("$.tstop", StringComparison.Ordinal))
        {
            throw new FormatException(NoTstop, e);   // --dt given without --tstop: the unset tstop is the problem
        }
        return double.IsNaN(spec.TStop) ? throw new FormatException(NoTstop) : spec;
    }

    /// <summary>Refuses a run of this experiment the memory limit cannot hold, with the estimate.</summary>
    public static void CheckMemory(string path, ExperimentSpec spec, NetworkSpec net) =>
        Check(path, () =>
        {
            ResourceEstimate.ForRun(net, TimeGrid.Create(spec.TStop, spec.Dt), spec.NTrials)
                .ThrowIfOverLimit($"{spec.NTrials} trial(s) ($.n_trials) of {net.CellCount} cells over {spec.TStop} ms ($.tstop) at dt {spec.Dt} ms ($.dt)",
                    "fewer n_trials, a smaller network, a larger dt or a shorter tstop");
            return 0;
        });

    /// <summary>Runs a step that may reject the experiment's values (e.g. event generation), naming the file.</summary>
    public static T Check<T>(string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}: {UserError.Describe(e)}", e);
        }
    }
}
