using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>HNN-core's configuration files under tests/data/hnn_files/configs and the networks they were written from.</summary>
internal static class ConfigFiles
{
    public static string Path(string folder, string file = "net.json") => TestData.Path("hnn_files", "configs", folder, file);

    public static string Text(string folder, string file = "net.json") => File.ReadAllText(Path(folder, file));

    /// <summary>examples/erp.json on a 5×5 mesh: the network HNN-core wrote to configs/erp/net.json.</summary>
    public static NetworkSpec Erp5x5()
    {
        var spec = ExperimentReader.ReadFile(TestData.Example("erp.json"));
        spec = spec with { Network = spec.Network with { MeshX = 5, MeshY = 5 } };
        return ExperimentBuilder.BuildNetwork(spec);
    }
}
