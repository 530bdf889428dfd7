using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Coupling;

/// <summary>
/// The seed tutorial's two networks as a coupled run: A is the Jones 2009 column with one distal evoked
/// drive; its pyramidal cells project to B's distal AMPA synapses (weights 0.005 / 0.003, delay 0.1 ms,
/// conn_seed 42); and a small feedback pair for the engine tests.
/// </summary>
internal static class CoupledNetworks
{
    public static readonly string[] Pyramidal = ["L2_pyramidal", "L5_pyramidal"];
    public static readonly Dictionary<string, double> ToB = new() { ["L5_pyramidal"] = 0.005, ["L2_pyramidal"] = 0.003 };

    public static NetworkSpec NetworkA(MeshShape mesh, double mu = 63.5) => Jones2009.Create(mesh).AddEvokedDrive(
        "evdist1", mu: mu, sigma: 3.8, numspikes: 1, location: "distal",
        weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.006, ["L2_pyramidal"] = 0.0005, ["L5_pyramidal"] = 0.14 },
        weightsNmda: new Dictionary<string, double> { ["L2_basket"] = 0.019, ["L2_pyramidal"] = 0.004, ["L5_pyramidal"] = 0.08 },
        synapticDelays: new Dictionary<string, double> { ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_pyramidal"] = 0.1 },
        eventSeed: 274);

    public static MultiNetworkSpec OneWay(MeshShape mesh, double mu = 63.5, bool bFirst = false)
    {
        var spec = new MultiNetworkSpec();
        spec = bFirst ? spec.AddNetwork("B", Jones2009.Create(mesh)).AddNetwork("A", NetworkA(mesh, mu))
                      : spec.AddNetwork("A", NetworkA(mesh, mu)).AddNetwork("B", Jones2009.Create(mesh));
        return spec.AddProjection("A_to_B", "A", Pyramidal, "B", "distal", weightsAmpa: ToB, synapticDelays: 0.1, connSeed: 42);
    }

    /// <summary>The feedback example (examples/replay_feedback.json): the tutorial pair, and B's L5 cells back onto A's proximal synapses.</summary>
    public static MultiNetworkSpec TutorialFeedback(MeshShape mesh) =>
        OneWay(mesh).AddProjection("B_to_A", "B", ["L5_pyramidal"], "A", "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.002, ["L5_basket"] = 0.002, ["L2_pyramidal"] = 0.001 },
            synapticDelays: 0.5, connSeed: 7, probability: 0.5);

    /// <summary>
    /// A (3×3) with an evoked distal drive; B (4×4, so that its shards can be told apart) with a proximal one;
    /// A's pyramidal cells project to B distally, B's L5 cells back to A proximally (delay 0.5 ms, probability 0.5).
    /// </summary>
    public static MultiNetworkSpec Feedback(bool bFirst = false)
    {
        var a = NetworkA(new MeshShape(3, 3), mu: 20.0);
        var b = Jones2009.Create(new MeshShape(4, 4)).AddEvokedDrive("evprox1", mu: 35.0, sigma: 2.0, numspikes: 1, location: "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.04, ["L2_pyramidal"] = 0.01, ["L5_basket"] = 0.04, ["L5_pyramidal"] = 0.01 },
            synapticDelays: 0.1, eventSeed: 11);
        var spec = bFirst ? new MultiNetworkSpec().AddNetwork("B", b).AddNetwork("A", a) : new MultiNetworkSpec().AddNetwork("A", a).AddNetwork("B", b);
        return spec
            .AddProjection("A_to_B", "A", Pyramidal, "B", "distal",
                weightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.02, ["L2_pyramidal"] = 0.01 }, synapticDelays: 0.1, connSeed: 42)
            .AddProjection("B_to_A", "B", ["L5_pyramidal"], "A", "proximal",
                weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.01, ["L5_basket"] = 0.01, ["L2_pyramidal"] = 0.005 },
                synapticDelays: 0.5, connSeed: 7, probability: 0.5);
    }

    /// <summary>The offline replay: B with <paramref name="aSpikes"/> (A's cells' spikes) as spike_data, every pyramidal cell a source.</summary>
    public static NetworkSpec OfflineB(MeshShape mesh, NetworkSpec a, IReadOnlyList<double> times, IReadOnlyList<int> gids, Func<double, double>? round = null)
    {
        var sources = a.CellTypes.Where(c => Pyramidal.Contains(c.Name)).SelectMany(c => a.RangeOf(c.Name).Gids.Select(g => (c.Name, g)))
            .OrderBy(s => s.g)
            .Select(s => new KeyValuePair<string, IEnumerable<double>>(MultiNetworkSpec.SourceId("A", s.Name, s.g),
                times.Where((_, i) => gids[i] == s.g).Select(round ?? (t => t)).ToArray()));
        return Jones2009.Create(mesh).AddSpikeTrainDrive("A_to_B", SpikeData.FromSources(sources), "distal", weightsAmpa: ToB, synapticDelays: 0.1, connSeed: 42);
    }
}
