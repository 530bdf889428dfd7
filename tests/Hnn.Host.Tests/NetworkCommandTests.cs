namespace Hnn.Host.Tests;

/// <summary>`hnn network`: gid ranges, drives and one line per connectivity entry.</summary>
public sealed class NetworkCommandTests
{
    private static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HnnActors.sln"))) return Path.Combine(dir.FullName, "examples", name);
        throw new DirectoryNotFoundException("HnnActors.sln not found above the test binaries");
    }

    [Fact]
    public void ReplayNetworkIsNetworkB()
    {
        var r = HnnProcess.Run("network", Example("replay.json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("drive_from_NetA") && l.Contains("range(270, 409)") && l.Contains("139 gids"));
        Assert.Contains(lines, l => l.Contains("n_drive_cells 139") && l.Contains("spike_train"));
        Assert.Contains("connectivity: 18 entries", r.Stdout);
        var driveLines = lines.Where(l => l.TrimStart().StartsWith("drive_from_NetA ", StringComparison.Ordinal) && l.Contains("distal") && l.Contains("ampa")).ToList();
        Assert.True(driveLines.Count == 2, $"drive connectivity lines: {driveLines.Count}\n{r.Stdout}");
        Assert.All(driveLines, l => Assert.EndsWith("13900", l.TrimEnd()));
    }

    [Fact]
    public void ErpNetworkListsGidRangesDrivesAndConnections()
    {
        var r = HnnProcess.Run("network", Example("erp.json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("270 cells, 1045 gids", r.Stdout);
        Assert.Contains("evprox2              range(775, 1045)", r.Stdout);
        Assert.Contains("connectivity: 30 entries", r.Stdout);
        Assert.Contains("L5_basket            L5_basket      gabaa  soma            1190", r.Stdout);
    }

    [Fact]
    public void BadFileExitsWith2()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "bad.json");
        File.WriteAllText(path, """{"network": {"model": "jones_2009_model", "mesh_shape": [0, 3]}, "tstop": 170}""");
        var r = HnnProcess.Run("network", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.json: $.network.mesh_shape", r.Stderr);
        Assert.Empty(r.Stdout);
    }
}
