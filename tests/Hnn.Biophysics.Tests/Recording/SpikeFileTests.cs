using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>HNN-core spike text files (docs/dev/io.md §1–§2), including the quirks this port fixes.</summary>
public sealed class SpikeFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-spk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void WritesHnnCoresFormat()
    {
        SpikeFile.Write(P("spk_0.txt"), [new(1.0, 3, "L2_basket"), new(2.0015, 40, "L2_pyramidal"), new(100.123, 300, "evdist1")]);
        Assert.Equal("1.000\t3\tL2_basket\n2.002\t40\tL2_pyramidal\n100.123\t300\tevdist1\n", File.ReadAllText(P("spk_0.txt")));
    }

    [Theory]
    [InlineData(1.0005, "1.000")]     // stored slightly below the tie
    [InlineData(2.0015, "2.002")]
    [InlineData(3.0625, "3.062")]     // exact binary tie: to even, as Python
    [InlineData(3.1875, "3.188")]
    [InlineData(-0.5, "-0.500")]
    [InlineData(59.1, "59.100")]
    public void TimesPrintLikePython(double time, string expected) => Assert.Equal(expected, SpikeFile.FormatTime(time));

    [Fact]
    public void OneLineFileReads()
    {
        File.WriteAllText(P("one.txt"), "7.890\t3\tL2_basket\n");
        var spikes = SpikeFile.Read(P("one.txt"));
        Assert.Equal([new SpikeFileEntry(7.89, 3, "L2_basket")], spikes);
    }

    [Fact]
    public void WhitespaceCommentsAndEmptyFiles()
    {
        File.WriteAllText(P("a.txt"), "# header\n1.5   4  L2_basket  # note\n\n2.0\t5\tL2_basket\n");
        Assert.Equal(2, SpikeFile.Read(P("a.txt")).Count);
        File.WriteAllText(P("empty.txt"), "");
        Assert.Empty(SpikeFile.Read(P("empty.txt")));
    }

    [Fact]
    public void TwoColumnFilesNeedGidRanges()
    {
        File.WriteAllText(P("old.txt"), "1.0 3\n2.0 140\n");
        var ex = Assert.Throws<FormatException>(() => SpikeFile.Read(P("old.txt")));
        Assert.Contains("gid_ranges must be provided if spike types are unspecified in the file", ex.Message);
        var typed = SpikeFile.Read(P("old.txt"), [("L2_basket", 0, 35), ("L5_basket", 135, 170)]);
        Assert.Equal(["L2_basket", "L5_basket"], typed.Select(s => s.Type));
    }

    [Fact]
    public void BadLinesNameFileAndLine()
    {
        File.WriteAllText(P("bad.txt"), "1.0 3 L2_basket\nabc 4 L2_basket\n");
        var ex = Assert.Throws<FormatException>(() => SpikeFile.Read(P("bad.txt")));
        Assert.Contains("bad.txt:2", ex.Message);
        Assert.Contains("'abc'", ex.Message);
    }

    [Fact]
    public void GlobUsesNaturalTrialOrder()
    {
        var trials = Enumerable.Range(0, 12).Select(k => (IEnumerable<SpikeFileEntry>)[new SpikeFileEntry(k + 1, k, "L2_basket")]).ToList();
        SpikeFile.WriteTrials(P("spk_%d.txt"), trials);
        var files = SpikeFile.Glob(P("spk_*.txt")).Select(Path.GetFileName).ToArray();
        Assert.Equal(Enumerable.Range(0, 12).Select(k => $"spk_{k}.txt"), files);
        var read = SpikeFile.ReadTrials(P("spk_*.txt"));
        Assert.Equal(Enumerable.Range(0, 12), read.Select(t => t[0].Gid));
    }

    [Fact]
    public void WriteTrials_AcceptsBraceAndPercentPlaceholders_RefusesNone()
    {
        SpikeFile.WriteTrials(P("b_{0}.txt"), [[], []]);
        Assert.True(File.Exists(P("b_1.txt")));
        var ex = Assert.Throws<ArgumentException>(() => SpikeFile.WriteTrials(P("spk.txt"), [[], []]));
        Assert.Contains("no trial placeholder", ex.Message);
        Assert.Contains("Allowed:", ex.Message);
    }

    [Fact]
    public void MissingFileIsNamed() =>
        Assert.Contains("nope.txt", Assert.Throws<FileNotFoundException>(() => SpikeFile.Read(P("nope.txt"))).Message);
}
