using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Network;

/// <summary>Every add_connection / network rule (docs/dev/network.md §3.1, §3.4, §7, §8): the message names the argument, the value and what is allowed.</summary>
public class ConnectionValidationTests
{
    private static readonly NetworkSpec Net = NetworkSpec.Bare();

    private static void Fails(Func<NetworkSpec> act, string argument, params string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(act);
        Assert.True(ex.ParamName == argument, $"expected argument '{argument}', got '{ex.ParamName}': {ex.Message}");
        Assert.Contains("Allowed:", ex.Message);
        foreach (var f in fragments) Assert.True(ex.Message.Contains(f, StringComparison.Ordinal), $"message lacks '{f}': {ex.Message}");
    }

    private static NetworkSpec Add(Gids src, Gids tgt, string loc = "soma", string receptor = "gabaa", double weight = 0.01,
        double delay = 1.0, double lamtha = 3.0, double gain = 1.0, double probability = 1.0, long? seed = null) =>
        Net.AddConnection(src, tgt, loc, receptor, weight, delay, lamtha, gain: gain, probability: probability, connSeed: seed);

    [Fact] public void UnknownSourceName() => Fails(() => Add("L3_pyramidal", "L2_basket"), "src_gids", "'L3_pyramidal'", "'L2_basket'");
    [Fact] public void UnknownTargetName() => Fails(() => Add("L2_basket", "L3_basket"), "target_gids", "'L3_basket'", "not a cell type");
    [Fact] public void SourceGidOutOfRange() => Fails(() => Add(-1, 3), "src_gids", "src_gids -1 not in net.gid_ranges");
    [Fact] public void TargetGidOutOfRange() => Fails(() => Add(1, 300), "target_gids", "target_gids 300 not in net.gid_ranges");
    [Fact] public void MixedSourceTypes() => Fails(() => Add(Gids.Of(1, 40), 3), "src_gids", "All src_gids must be of the same type");
    [Fact] public void MixedTargetTypes() => Fails(() => Add(1, Gids.Of(3, 40)), "target_gids", "All target_gids must be of the same type");
    [Fact] public void NestedTargetsNeedOneListPerSource() => Fails(() => Add(Gids.Of(1, 2), Gids.PerSource([[3]])), "target_gids", "target_gids must have a list for each src");
    [Fact] public void NestedListsOnlyForTargets() => Fails(() => Add(Gids.PerSource([[1]]), 3), "src_gids", "only allowed for target_gids");
    [Fact] public void UnknownLocation() => Fails(() => Add(1, 40, loc: "apical_4"), "loc", "the loc 'apical_4' is not defined for 'L2_pyramidal' cells", "'apical_tuft'");
    [Fact] public void ReceptorMissingOnSection() => Fails(() => Add(171, 172, receptor: "ampa"), "receptor", "'soma' of L5_pyramidal", "'gabaa'");
    [Fact] public void UnknownReceptor() => Fails(() => Add(1, 2, receptor: "glutamate"), "receptor", "'glutamate'");
    [Fact] public void NegativeGain() => Fails(() => Add(1, 2, gain: -1), "gain", "Synaptic gains must be non-negative", "L2_basket->L2_basket");
    [Fact] public void NegativeWeight() => Fails(() => Add(1, 2, weight: -0.1), "weight", "-0.1");
    [Fact] public void NegativeDelay() => Fails(() => Add(1, 2, delay: -1), "delay", "-1");
    [Fact] public void ZeroLamtha() => Fails(() => Add(1, 2, lamtha: 0), "lamtha", "space constant must be positive");
    [Fact] public void NonFiniteWeight() => Fails(() => Add(1, 2, weight: double.NaN), "weight", "NaN");
    [Fact] public void ProbabilityOutOfRange() => Fails(() => Add(1, 2, probability: -1.0, seed: 3), "probability", "probability must be in the range (0,1)", "-1");
    [Fact] public void ProbabilityAboveOne() => Fails(() => Add(1, 2, probability: 2.0, seed: 3), "probability", "probability must be in the range (0,1)");
    [Fact] public void ProbabilityNeedsASeed() => Fails(() => Add(1, 2, probability: 0.5), "conn_seed", "needs a seed");
    [Fact] public void NegativeConnSeed() => Fails(() => Add(1, 2, probability: 0.5, seed: -2), "conn_seed", "expected non-negative integer");
    [Fact] public void TargetsMustBeCells()
    {
        var withDrive = Jones2009.AddErpDrives(Net);
        var ex = Assert.ThrowsAny<ArgumentException>(() => withDrive.AddConnection(1, 300, "soma", "ampa", 0.1, 1, 3));
        Assert.Contains("drive 'evdist1'", ex.Message);
    }

    [Fact] public void MeshShapeMustBePositive() => Fails(() => NetworkSpec.Bare(new MeshShape(-2, 3)), "mesh_shape", "mesh_shape must be a tuple of positive integers", "(-2, 3)");
    [Fact] public void InplaneDistancePositive() => Fails(() => Net.WithCellPositions(inplaneDistance: 0.0), "inplane_distance", "In-plane distance must be positive");
    [Fact] public void LayerSeparationPositive() => Fails(() => Net.WithCellPositions(layerSeparation: 0.0), "layer_separation", "Layer separation must be positive");
    [Fact] public void UnknownGidRangeName() => Assert.Contains("'L2_basket'", Assert.ThrowsAny<ArgumentException>(() => Net.RangeOf("x")).Message);

    [Fact]
    public void FailedCallLeavesTheNetworkUnchanged()
    {
        var before = Net.Connections.Count;
        Assert.ThrowsAny<ArgumentException>(() => Add(1, 2, gain: -1));
        Assert.Equal(before, Net.Connections.Count);
    }
}
