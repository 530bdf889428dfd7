using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Host.Cli;

/// <summary>
/// Loads an experiment file for a verb: reads it, builds its network (spike-file globs relative to
/// the file's folder) and prefixes every problem with the file's name, so the one stderr line says
/// which file and which JSON path is wrong.
/// </summary>
internal static class ExperimentInput
{
    public static (ExperimentSpec Spec, NetworkSpec Network) Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"experiment file '{path}' does not exist", path);
        try
        {
            var spec = ExperimentReader.ReadFile(path);
            var net = ExperimentBuilder.BuildNetwork(spec, Path.GetDirectoryName(Path.GetFullPath(path)));
            return (spec, net);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new FormatException($"{path}: {UserError.Describe(e)}", e);
        }
    }

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
