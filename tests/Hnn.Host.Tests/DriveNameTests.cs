using Hnn.Biophysics.Network;
using Microsoft.VisualBasic.FileIO;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Drive names and the files that hold them: a name HNN-core's spike file cannot hold is refused
/// when the drive is added; a name with a comma or a quote is written to events.csv quoted as
/// RFC 4180 says, so that a CSV reader gets the name back.
/// </summary>
public sealed class DriveNameTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> Ampa = new() { ["L5_pyramidal"] = 0.1 };

    [Theory]
    [InlineData("ev 1", "a space")]
    [InlineData("ev\t1", "a tab")]
    [InlineData("ev\u00A01", "U+00A0")]   // no-break space: whitespace to numpy's split too
    [InlineData("ev#1", "'#', which starts a comment")]
    public void NamesASpikeFileCannotHoldAreRefusedWhenTheDriveIsAdded(string name, string why)
    {
        var net = Jones2009.Create(new MeshShape(3, 3));
        var e = Assert.Throws<ArgumentException>(() => net.AddEvokedDrive(name, mu: 5, sigma: 1, numspikes: 1, location: "distal", weightsAmpa: Ampa));
        output.WriteLine(e.Message);
        Assert.Contains(why, e.Message);
        Assert.Contains("without whitespace, control characters or '#'", e.Message);
    }

    [Fact]
    public void HashInADriveNameIsRefusedBeforeTheRun()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, """
            {"network": {"model": "jones_2009_model", "mesh_shape": [3, 3]}, "tstop": 20,
             "drives": [{"type": "evoked", "name": "ev#1", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]}
            """);
        var r = HnnProcess.Run("simulate", file, "--out", Path.Combine(dir, "out"));
        output.WriteLine(r.Stderr);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.drives[0] ('ev#1'): name = 'ev#1' is invalid: it contains '#'", r.Stderr);
        Assert.DoesNotContain("trial 1/1", r.Stdout);   // refused before anything ran
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void EventsCsvQuotesNamesWithCommasAndQuotes()
    {
        const string name = "ev,\"a\"";
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, """
            {"network": {"model": "jones_2009_model", "mesh_shape": [3, 3]}, "tstop": 20, "n_trials": 2,
             "drives": [{"type": "evoked", "name": "ev,\"a\"", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}},
                        {"type": "evoked", "name": "plain", "mu": 8, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]}
            """);
        var csv = Path.Combine(dir, "events.csv");
        var r = HnnProcess.Run("events", file, "--out", csv);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(csv);
        output.WriteLine(string.Join("\n", lines.Take(3)));
        Assert.StartsWith("0,\"ev,\"\"a\"\"\",", lines[1]);

        // An independent RFC 4180 reader gets four fields per row and the names back.
        using var parser = new TextFieldParser(csv) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        Assert.Equal(["trial", "drive", "gid", "time"], parser.ReadFields()!);
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        Assert.All(rows, row => Assert.Equal(4, row.Length));
        Assert.Equal([name, "plain"], rows.Select(row => row[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2 * 2 * 9, rows.Count);   // 2 trials × 2 drives × 9 L5 pyramidal targets, one event each
    }
}
