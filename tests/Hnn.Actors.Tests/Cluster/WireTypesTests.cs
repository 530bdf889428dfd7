using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Cluster;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests.Cluster;

/// <summary>
/// The messages that cross between nodes hold only types the allow-list admits (plain arrays and the
/// project's records, no compiler-generated collections), and go through the filtered Hyperion serializer
/// the cluster uses: networks of every model and drive kind, epoch commands and answers with checkpoints,
/// and a whole simulation result as a batch job returns it.
/// </summary>
public sealed class WireTypesTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2))
{
    private static NetworkSpec EveryFeature()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)))
            .AddPoissonDrive("poisson", rateConstant: new Dictionary<string, double> { ["L2_pyramidal"] = 10.0 }, location: "proximal",
                weightsAmpa: new Dictionary<string, double> { ["L2_pyramidal"] = 0.001 }, tstop: 50.0)
            .AddBurstyDrive("bursty", tstart: 10, burstRate: 10, location: "distal", weightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.001 }, tstop: 50.0)
            .AddTonicBias(new Dictionary<string, double> { ["L5_pyramidal"] = 0.1 })
            .AddSpikeTrainDrive("replay", SpikeData.FromSources([new("s1", [1.0, 2.0]), new("s2", [3.0])]), "proximal",
                weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.01 },
                targetConfig: [new("s2", new ReplayTargetConfig(WeightsAmpa: new Dictionary<string, double> { ["L5_basket"] = 0.02 }, Location: "proximal"))])
            .AddElectrodeArray(new Hnn.Biophysics.Extracellular.ElectrodeArraySpec("shank", [new(1, 1, 100), new(1, 1, 500)]));
        return net;
    }

    public static IEnumerable<object[]> Networks() =>
        new (string, Func<NetworkSpec>)[]
        {
            ("every feature", EveryFeature),
            ("law_2021_model", () => NetworkModels.Create("law_2021_model", new MeshShape(3, 3))),
            ("calcium_model", () => NetworkModels.Create("calcium_model", new MeshShape(3, 3))),
            ("coupled target", () => Hnn.Biophysics.Tests.Coupling.CoupledNetworks.Feedback()["A"]),
        }.Select(x => new object[] { x.Item1, x.Item2 });

    [Theory]
    [MemberData(nameof(Networks))]
    public void ABuildCommandHoldsNoCompilerGeneratedTypeAndCrossesTheWire(string name, Func<NetworkSpec> make)
    {
        var net = make();
        var message = new BuildShard(net, ShardLayout.Split(net, 2)[1], TimeGrid.Create(20.0, 0.025),
            new Hnn.Biophysics.Recording.RecordSpec(Hnn.Biophysics.Recording.RecordScope.All, Hnn.Biophysics.Recording.RecordScope.All, Hnn.Biophysics.Recording.RecordScope.All));
        AssertClean(message, name);
        var back = (BuildShard)RoundTrip(message);
        Assert.Equal(net.TotalGids, back.Network.TotalGids);
        Assert.Equal(net.Connections.Sum(c => c.PairCount), back.Network.Connections.Sum(c => c.PairCount));
    }

    [Fact]
    public void EpochMessagesCheckpointsAndResultsCrossTheWire()
    {
        var net = EveryFeature();
        var grid = TimeGrid.Create(20.0, 0.025);
        var shard = new PopulationShard(net, ShardLayout.Split(net, 1)[0], grid);
        shard.Advance(10, new double[10], default, new double[10 * shard.ContactCount]);
        var result = new NetworkTrial(net, grid).Run();
        var simulation = SimulationResult.Assemble(net, grid, [result], [new TrialTiming(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 5, 4)]);
        object[] messages =
        [
            new Advance(3, 40, new SpikeBatch([1, 2], [0.5, 0.75]), true, 1),
            new EpochDone(0, 3, new SpikeBatch([4], [1.0]), new double[40], shard.Snapshot(), 1, new double[8], new double[80]),
            new RestoreShard(2, shard.Snapshot()),
            new ShardReady(0, [1, 2, 3]),
            new ShardFailed(0, "L2_basket[0..8]", 3, 0.1, "boom"),
            new JobDone(7, simulation, 1.5, "node"),
            new JobFailed(8, "bad", 0.1, "node"),
        ];
        foreach (var m in messages)
        {
            AssertClean(m, m.GetType().Name);
            Assert.IsType(m.GetType(), RoundTrip(m));
        }
        var done = (JobDone)RoundTrip(messages[5]);
        Assert.Equal(result.SpikeTimes, done.Result.Trials[0].SpikeTimes);
        Assert.Equal(simulation.Dipoles[0]["agg"], done.Result.Dipoles[0]["agg"]);
    }

    private object RoundTrip(object message)
    {
        var serializer = new HnnHyperionSerializer((ExtendedActorSystem)Sys);
        var bytes = serializer.ToBinary(message);
        output.WriteLine($"{message.GetType().Name}: {bytes.Length:N0} bytes");
        return serializer.FromBinary(bytes, message.GetType());
    }

    // Every object reachable through fields must be of a type the filter admits; list the paths of those that are not.
    private void AssertClean(object root, string what)
    {
        var bad = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, what, seen, bad, 0);
        foreach (var b in bad.Take(30)) output.WriteLine(b);
        Assert.True(bad.Count == 0, $"{bad.Count} objects of types outside the allow-list, e.g. {string.Join("; ", bad.Take(5))}");
    }

    private static void Walk(object? o, string path, HashSet<object> seen, List<string> bad, int depth)
    {
        if (o is null || depth > 40) return;
        var type = o.GetType();
        if (type.IsPrimitive || o is string || type.IsEnum) return;
        if (!type.IsValueType && !seen.Add(o)) return;
        if (!HnnTypeFilter.Instance.IsAllowed(type.AssemblyQualifiedName!)) bad.Add($"{path}: {type}");
        if (o is Array array)
        {
            if (array.GetType().GetElementType()!.IsPrimitive) return;
            var i = 0;
            foreach (var item in array) Walk(item, $"{path}[{i++}]", seen, bad, depth + 1);
            return;
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(f.GetValue(o), $"{path}.{f.Name}", seen, bad, depth + 1);
    }
}
