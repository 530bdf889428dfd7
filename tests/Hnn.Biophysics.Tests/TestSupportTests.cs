using System.IO.Compression;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests;

/// <summary>The shared reference-data reader (tests/Hnn.TestSupport) on small files written here: exact fields and values.</summary>
public sealed class TestSupportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-testsupport-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Text = "time,gid,type\n19.214283836730722,533,evprox1\n\n20.5,7,L2_basket\n";

    private string Write(string name, bool gzip)
    {
        var path = Path.Combine(_dir, name);
        using var file = File.Create(path);
        using Stream target = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        target.Write(System.Text.Encoding.UTF8.GetBytes(Text));
        return path;
    }

    [Fact]
    public void Csv_ReadsPlainAndGzipFilesAlike()
    {
        foreach (var (name, gzip) in new[] { ("a.csv", false), ("a.csv.gz", true) })
        {
            var csv = Csv.Read(Write(name, gzip));
            Assert.Equal(["time", "gid", "type"], csv.Header);
            Assert.Equal(2, csv.Rows.Count); // the blank line is skipped
            Assert.Equal([19.214283836730722, 20.5], csv.Doubles("time"));
            Assert.Equal([533, 7], csv.Ints(1));
            Assert.Equal(["evprox1", "L2_basket"], csv.Strings("type"));
            output.WriteLine($"{name}: {csv.Rows.Count} rows, values exact");
        }
        Assert.Contains("no column 'gidd'", Assert.Throws<KeyNotFoundException>(() => Csv.Read(Write("b.csv", false)).Column("gidd")).Message);
    }

    [Fact]
    public void ReferenceSpikes_ReadsTimeGidTypeAndTheirSteps()
    {
        var spikes = ReferenceSpikes.Read(Write("spikes.csv", false));
        Assert.Equal([new ReferenceSpike(19.214283836730722, 533, "evprox1"), new ReferenceSpike(20.5, 7, "L2_basket")], spikes);
        Assert.Equal(769, spikes[0].Step()); // 19.2143/0.025 = 768.57
        Assert.Equal(820, spikes[1].Step());
        File.WriteAllText(Path.Combine(_dir, "other.csv"), "spike_time_ms,source\n2,drive9\n");
        Assert.Throws<InvalidDataException>(() => ReferenceSpikes.Read(Path.Combine(_dir, "other.csv")));
        output.WriteLine("spikes and steps exact; a file with another header is refused");
    }

    [Fact]
    public void TestData_FindsTheRepositoryDataFolder()
    {
        Assert.True(File.Exists(TestData.Path("README.md")), TestData.Path("README.md"));
        Assert.True(File.Exists(Path.Combine(TestData.RepositoryRoot, "HnnActors.sln")));
        output.WriteLine($"tests/data at {TestData.Path()}");
    }
}
