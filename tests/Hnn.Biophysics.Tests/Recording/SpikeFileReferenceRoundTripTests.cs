using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>
/// NEURON's spikes (ERP and the seed tutorial's Network A) written as HNN-core spike files and
/// read back: same gids, types and order, times equal to the reference rounded to 3 decimals;
/// writing what was read gives the same bytes again.
/// </summary>
public sealed class SpikeFileReferenceRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-spk-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("erp_run", "spikes.csv", 1428)]
    [InlineData("seed_replay/net_A", "spikes.csv", 616)]
    public void ReferenceSpikesRoundTrip(string folder, string file, int count)
    {
        var reference = ReferenceSpikes.ReadData([.. folder.Split('/'), file]).Select(s => new SpikeFileEntry(s.Time, s.Gid, s.Type)).ToList();
        Assert.Equal(count, reference.Count);

        var first = Path.Combine(_dir, "spk_0.txt");
        SpikeFile.Write(first, reference);
        var back = SpikeFile.ReadTrials(Path.Combine(_dir, "spk_*.txt")).Single();
        Assert.Equal(reference.Select(s => (s.Gid, s.Type)), back.Select(s => (s.Gid, s.Type)));
        var worst = reference.Zip(back, (r, b) => Math.Abs(Math.Round(r.Time, 3, MidpointRounding.ToEven) - b.Time)).Max();
        Assert.True(worst < 1e-12, $"read-back times differ from the 3-decimal reference by up to {worst:E2} ms");

        var second = Path.Combine(_dir, "again.txt");
        SpikeFile.Write(second, back);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }
}
