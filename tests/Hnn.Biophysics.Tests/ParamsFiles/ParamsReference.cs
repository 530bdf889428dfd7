using System.Text.Json.Nodes;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.ParamsFiles;

namespace Hnn.Biophysics.Tests.ParamsFiles;

/// <summary>
/// HNN-core's records of the networks it builds from the params files of
/// tests/data/hnn_files/regression (written there by make_regression.py / make_params.py).
/// </summary>
internal static class ParamsReference
{
    public static string File(string name) => TestData.Path("hnn_files", "regression", name);

    public static JsonNode Json(string name) => JsonNode.Parse(System.IO.File.ReadAllText(File(name)))!;

    public static HnnParams Read(string name) => HnnParams.ReadFile(File(name));

    /// <summary>The network HNN-core's regression test builds from <paramref name="paramsFile"/> (10×10).</summary>
    public static NetworkSpec Network(string paramsFile, bool legacy) =>
        ParamsNetwork.Create(Read(paramsFile), MeshShape.Default, addDrivesFromParams: true, legacyMode: legacy);
}
