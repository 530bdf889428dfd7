using System.Security.Cryptography;
using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>The sweep file's "summaries" array: accepted forms, columns, canonical text, one-line errors (docs/summaries.md).</summary>
public sealed class SummaryParsingTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hnn_summaries_{Guid.NewGuid():N}");

    public SummaryParsingTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "data", "target.txt"), "0.000\t1.0\n1.000\t2.0\n2.000\t1.5\n3.000\t0.5\n");
        File.WriteAllText(Path.Combine(_dir, "three_columns.txt"), "0.0\t1\t2\n1.0\t1\t2\n");
        File.WriteAllText(Path.Combine(_dir, "backwards.txt"), "1.0\t1\n0.0\t1\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<SummarySpec> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return SummarySpec.ParseList(doc.RootElement, "$.summaries", _dir);
    }

    [Fact]
    public void EveryFormGivesItsColumnsAndCanonicalText()
    {
        var specs = Parse("""
            ["spike_counts", {"dipole_peak": {"smooth": 30, "scale": 3000}},
             {"dipole_rmse": {"target": "data/target.txt", "smooth": 30, "scale": 3000, "tstart": 0.5}},
             {"dipole_rmse": {"target": "data/target.txt", "name": "late", "tstart": 1.0, "tstop": null}}]
            """);
        Assert.Equal(["spike_counts", "dipole_peak", "dipole_rmse", "dipole_rmse"], specs.Select(s => s.Name));
        Assert.Equal(["spikes_L2_basket", "spikes_total", "dipole_peak", "dipole_peak_time", "dipole_rmse", "dipole_rmse_late"],
            specs.SelectMany(s => s.Columns(["L2_basket"])));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir, "data", "target.txt"))));
        foreach (var s in specs) _output.WriteLine(s.Canonical);
        Assert.Equal("{\"spike_counts\":{}}", specs[0].Canonical);
        Assert.Equal("{\"dipole_peak\":{\"name\":null,\"scale\":3000,\"smooth\":30}}", specs[1].Canonical);
        Assert.Equal($"{{\"dipole_rmse\":{{\"column\":\"agg\",\"name\":null,\"scale\":3000,\"smooth\":30,\"target_sha256\":\"{sha}\",\"tstart\":0.5,\"tstop\":null}}}}",
            specs[2].Canonical);
        // Defaults written out: the short and the long form of the same entry hash alike.
        Assert.Equal(Parse("[\"dipole_peak\"]")[0].Canonical, Parse("[{\"dipole_peak\": {\"scale\": 1}}]")[0].Canonical);
        Assert.Equal(Parse("[\"spike_counts\"]")[0].Canonical, Parse("[{\"spike_counts\": {}}]")[0].Canonical);
        Assert.Empty(Parse("[]"));
    }

    [Fact]
    public void TheTargetFileIsReadAtParseTime()
    {
        var path = Path.Combine(_dir, "data", "target.txt");
        var spec = Parse("""[{"dipole_rmse": {"target": "data/target.txt"}}]""")[0];
        File.Delete(path); // the parsed entry keeps what it read
        var sim = new Hnn.Biophysics.Recording.Dipole([0, 1, 2, 3], new Dictionary<string, double[]> { ["agg"] = [1, 2, 1.5, 0.5], ["L2"] = [0, 0, 0, 0], ["L5"] = [1, 2, 1.5, 0.5] });
        Assert.Equal(0.0, spec.Compute(new SummaryInput([], [sim], []))[0]);
        var e = Assert.Throws<ExperimentFileException>(() => Parse("""[{"dipole_rmse": {"target": "data/target.txt"}}]"""));
        _output.WriteLine(e.Message);
        Assert.Equal("$.summaries[0].dipole_rmse.target", e.JsonPath);
        Assert.Contains("target.txt", e.Message);
    }

    [Theory]
    [InlineData("{}", "$.summaries", "an object is not allowed; allowed: a JSON array")]
    [InlineData("[\"spikes\"]", "$.summaries[0]", "\"spikes\" is not allowed; allowed: \"spike_counts\", \"dipole_peak\"")]
    [InlineData("[3]", "$.summaries[0]", "the number 3 is not allowed")]
    [InlineData("[\"dipole_rmse\"]", "$.summaries[0]", "\"dipole_rmse\" needs its target")]
    [InlineData("[{\"dipole_peak\": {}, \"spike_counts\": {}}]", "$.summaries[0]", "an object with 2 keys; allowed: one key")]
    [InlineData("[{\"dipole_mean\": {}}]", "$.summaries[0].dipole_mean", "unknown summary \"dipole_mean\"")]
    [InlineData("[{\"spike_counts\": {\"smooth\": 3}}]", "$.summaries[0].spike_counts.smooth", "unknown key")]
    [InlineData("[{\"dipole_peak\": {\"smoth\": 30}}]", "$.summaries[0].dipole_peak.smoth", "unknown key; allowed keys here: name, scale, smooth")]
    [InlineData("[{\"dipole_peak\": {\"smooth\": 0.5}}]", "$.summaries[0].dipole_peak.smooth", "0.5 is not allowed; allowed: a Hamming window length in ms (a number >= 1)")]
    [InlineData("[{\"dipole_peak\": {\"smooth\": \"30\"}}]", "$.summaries[0].dipole_peak.smooth", "the string \"30\" is not allowed")]
    [InlineData("[{\"dipole_peak\": {\"scale\": 0}}]", "$.summaries[0].dipole_peak.scale", "0 is not allowed; allowed: a non-zero number")]
    [InlineData("[{\"dipole_peak\": {\"name\": \"a b\"}}]", "$.summaries[0].dipole_peak.name", "\"a b\" is not allowed; allowed: 1 to 40 letters")]
    [InlineData("[{\"dipole_rmse\": {\"smooth\": 30}}]", "$.summaries[0].dipole_rmse.target", "missing; allowed: the path of an HNN-core dipole text file")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"nowhere.txt\"}}]", "$.summaries[0].dipole_rmse.target", "no file '")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"three_columns.txt\"}}]", "$.summaries[0].dipole_rmse.target", "2 or 4 columns while we have 3")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"backwards.txt\"}}]", "$.summaries[0].dipole_rmse.target", "row 2: time 0 is not a finite time after the previous row's")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"data/target.txt\", \"column\": \"L2\"}}]", "$.summaries[0].dipole_rmse.column", "\"L2\" is not in the target file 'data/target.txt', which has only agg")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"data/target.txt\", \"column\": \"L3\"}}]", "$.summaries[0].dipole_rmse.column", "\"L3\" is not allowed; allowed: \"agg\", \"L2\" or \"L5\"")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"data/target.txt\", \"tstart\": 2, \"tstop\": 1}}]", "$.summaries[0].dipole_rmse.tstop", "1 is not after tstart 2")]
    [InlineData("[{\"dipole_rmse\": {\"target\": \"data/target.txt\", \"tstart\": 50}}]", "$.summaries[0].dipole_rmse.tstart", "holds no sample step of the target")]
    [InlineData("[\"dipole_peak\", {\"dipole_peak\": {\"smooth\": 30}}]", "$.summaries[1]", "a second \"dipole_peak\" entry; allowed: each summary once, or dipole summaries with distinct \"name\"s")]
    [InlineData("[\"spike_counts\", {\"spike_counts\": {}}]", "$.summaries[1]", "a second \"spike_counts\" entry")]
    [InlineData("[{\"dipole_peak\": {\"name\": \"x\"}}, {\"dipole_peak\": {\"name\": \"x\"}}]", "$.summaries[1]", "named \"x\"")]
    public void BadEntriesFailWithOneLineNamingTheJsonPath(string json, string path, string message)
    {
        var e = Assert.Throws<ExperimentFileException>(() => Parse(json));
        _output.WriteLine(e.Message);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
