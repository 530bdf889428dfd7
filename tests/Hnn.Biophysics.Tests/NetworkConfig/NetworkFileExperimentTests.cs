using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.NetworkConfig;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>An experiment whose network is a configuration file ("network": {"file": …}), with drives on top.</summary>
public class NetworkFileExperimentTests
{
    private static string Dir => Path.GetDirectoryName(ConfigFiles.Path("erp"))!;

    [Fact]
    public void DrivesAndConnectionsAreAddedOnTopOfTheFile()
    {
        var spec = ExperimentReader.Parse("""
            {"network": {"file": "net.json", "connections": [{"src_gids": "L2_basket", "target_gids": "L5_basket", "loc": "soma",
              "receptor": "gabaa", "weight": 0.01, "delay": 1.0, "lamtha": 20.0}]},
             "tstop": 50,
             "drives": [{"type": "evoked", "name": "extra", "mu": 20, "sigma": 1, "numspikes": 1, "location": "proximal",
              "weights_ampa": {"L5_pyramidal": 0.01}}],
             "tonic_biases": [{"amplitude": {"L2_basket": 0.1}}]}
            """);
        Assert.Equal("net.json", spec.Network.File);
        var net = ExperimentBuilder.BuildNetwork(spec, Dir);
        var file = NetworkConfigFile.Read(ConfigFiles.Path("erp")).Network;
        Assert.Equal([.. file.GidRanges, new Hnn.Biophysics.Network.GidRange("extra", 270, 295)], net.GidRanges);
        Assert.Equal(file.Connections.Count + 2, net.Connections.Count);
        Assert.Single(net.TonicBiases);
        // Written back as it was read.
        Assert.Equal(ExperimentWriter.Write(spec), ExperimentWriter.Write(ExperimentReader.Parse(ExperimentWriter.Write(spec))));
        Assert.Contains("\"file\": \"net.json\"", ExperimentWriter.Write(spec));
    }

    [Theory]
    [InlineData("""{"network": {"file": "net.json", "model": "jones_2009_model"}, "tstop": 50}""", "$.network.model", "not allowed with \"file\"")]
    [InlineData("""{"network": {"file": "net.json", "mesh_shape": [5, 5]}, "tstop": 50}""", "$.network.mesh_shape", "not allowed with \"file\"")]
    [InlineData("""{"network": {"file": 3}, "tstop": 50}""", "$.network.file", "the number 3 is not allowed")]
    public void FileWithModelArgumentsIsRefused(string json, string path, string message)
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentReader.Parse(json));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ErrorsInTheFileNameItAndItsPath()
    {
        var spec = ExperimentReader.Parse("""{"network": {"file": "../bad/missing_key.json"}, "tstop": 50}""");
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentBuilder.BuildNetwork(spec, Dir));
        Assert.Equal("$.network.file", e.JsonPath);
        Assert.Contains("missing_key.json: $.cell_types.L5_pyramidal.cell_object.sections.apical_tuft.diam: missing", e.Message);
    }
}
