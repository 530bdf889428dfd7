using System.IO.Compression;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>
/// The streamed trace file: samples not yet final can be taken back (a recovery replays them), final ones
/// cannot; the file appears under its name only when complete, and an abandoned one leaves nothing.
/// </summary>
public sealed class TraceFileWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-trace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RewindDropsPendingSamplesAndTheFileAppearsWhenComplete()
    {
        var path = Path.Combine(_dir, "vsec_0_L2_basket.csv.gz");
        using (var w = new TraceFileWriter(path, ["0_soma", "1_soma"]))
        {
            for (var row = 0; row <= 4; row++) w.Append(row, row * 0.025, [row, -row - 0.5]);
            w.Flush(2);
            Assert.False(File.Exists(path));
            w.Rewind(3);                                   // sample 4 will come again
            w.Append(4, 0.1, [40.0, 0.1 + 0.2]);
            var e = Assert.Throws<InvalidOperationException>(() => w.Rewind(1));
            Assert.Contains("samples up to 2 were already written", e.Message);
            w.Complete();
        }
        Assert.Equal(
            ["time,0_soma,1_soma", "0,0,-0.5", "0.025,1,-1.5", "0.05,2,-2.5", "0.07500000000000001,3,-3.5", "0.1,40,0.30000000000000004", ""],
            Text(path).Split('\n'));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void RewindToStepZeroDropsTheInitialSampleToo()
    {
        var path = Path.Combine(_dir, "ca_0_L5_pyramidal.csv.gz");
        using (var w = new TraceFileWriter(path, ["170_soma"]))
        {
            w.Append(0, 0.0, [5e-5]);
            w.Append(1, 0.025, [6e-5]);
            w.Rewind(0);
            w.Append(0, 0.0, [1.0]);
            w.Complete();
        }
        Assert.Equal(["time,170_soma", "0,1", ""], Text(path).Split('\n'));
    }

    [Fact]
    public void AnAbandonedFileLeavesNothing()
    {
        var path = Path.Combine(_dir, "isec_0_L2_basket.csv.gz");
        using (var w = new TraceFileWriter(path, ["0_soma_ampa"]))
        {
            w.Append(0, 0.0, [0.0]);
            w.Flush(0);
        }
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private static string Text(string gz)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }
}
