using System.IO.Compression;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// Recordings through the actor engine: the trace files of a sharded run are the sequential engine's byte for
/// byte (any shard layout joins its blocks into the same rows), recording changes no spike, and a run that
/// fails leaves no trace file behind.
/// </summary>
public sealed class RecordingEngineTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2)), IDisposable
{
    private static readonly NetworkSpec Net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)));
    private static readonly RecordSpec All = new(RecordScope.All, RecordScope.All, RecordScope.All);
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-rec-engine-").FullName;

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        base.Dispose();
    }

    [Fact]
    public async Task ShardedRecordingsEqualTheSequentialOnes()
    {
        var sequentialDir = Path.Combine(_dir, "sequential");
        var sequential = new NetworkTrial(Net, 60.0, 0.025, recording: new RecordingOptions(All, sequentialDir)).Run();
        var plain = new NetworkTrial(Net, 60.0, 0.025).Run();
        Assert.Equal(plain.SpikeTimes, sequential.SpikeTimes);
        Assert.Equal(plain.SpikeGids, sequential.SpikeGids);

        foreach (var shards in new[] { 2, 3 })
        {
            var dir = Path.Combine(_dir, $"shards{shards}");
            await using var sim = new Simulator(Sys, new SimulatorOptions(shards));
            var result = await sim.SimulateDipoleAsync(Net, 60.0, 0.025, 2, new RecordingOptions(All, dir));
            Assert.Equal(2, result.Trials.Count);
            SameResult.Assert(sequential, result.Trials[0], output, $"{shards} shards");
            var files = result.Trials[0].Traces!.Files;
            Assert.Equal(sequential.Traces!.Files.Select(f => Path.GetFileName(f.Path)), files.Select(f => Path.GetFileName(f.Path)));
            foreach (var (a, b) in sequential.Traces.Files.Zip(files))
                Assert.True(Text(a.Path) == Text(b.Path), $"{Path.GetFileName(b.Path)} differs with {shards} shards");
            Assert.All(result.Trials[1].Traces!.Files, f => Assert.StartsWith($"{f.Quantity}_1_", Path.GetFileName(f.Path)));
            output.WriteLine($"{shards} shards: {files.Count} files equal to the sequential run's");
        }
    }

    [Fact]
    public async Task AFailedRunLeavesNoTraceFiles()
    {
        var dir = Path.Combine(_dir, "failed");
        await using var sim = new Simulator(Sys, new SimulatorOptions(2, EpochTimeout: TimeSpan.FromSeconds(30)))
        {
            ShardProps = FaultyShard.Replace(1, Fault.Throws, 5),
        };
        await Assert.ThrowsAsync<SimulationException>(() => sim.SimulateDipoleAsync(Net, 60.0, 0.025, 1, new RecordingOptions(All, dir)));
        await AwaitAssertAsync(() => Assert.Empty(Directory.GetFiles(dir)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnUnwritableFolderIsRefusedBeforeTheRun()
    {
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "");
        await using var sim = new Simulator(Sys, new SimulatorOptions(2));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => sim.SimulateDipoleAsync(Net, 10.0, 0.025, 1, new RecordingOptions(All, file)));
        Assert.Contains("the recording folder", e.Message);
        Assert.Contains("cannot be written", e.Message);
    }

    [Fact]
    public async Task ShardedPotentialsEqualTheSequentialOnes()
    {
        var shank = Enumerable.Range(0, 6).Select(i => new Hnn.Biophysics.Morphology.Point3(1.0, 1.0, -300.0 + 400.0 * i)).ToArray();
        var net = Net.AddElectrodeArray(new Hnn.Biophysics.Extracellular.ElectrodeArraySpec("shank", shank, method: "lsa"));
        var sequential = new NetworkTrial(net, 60.0, 0.025).Run();
        var expected = sequential.Potentials["shank"];
        var peak = expected.Max(c => c.Max(Math.Abs));
        await using var sim = new Simulator(Sys, new SimulatorOptions(3));
        var result = await sim.SimulateDipoleAsync(net, 60.0);
        var ours = result.Trials[0].Potentials["shank"];
        // Shards are summed in shard order: the same terms, grouped differently, so equal to rounding.
        var worst = expected.Zip(ours, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
        output.WriteLine($"3 shards per type: max|Δ| {worst:E2} µV of peak {peak:E3} µV");
        Assert.True(worst <= 1e-12 * peak, $"{worst:E3}");
        Assert.Equal(sequential.SpikeGids, result.Trials[0].SpikeGids);
    }

    private static string Text(string gz)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }
}
