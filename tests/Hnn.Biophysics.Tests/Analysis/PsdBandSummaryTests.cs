using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>
/// The psd_band summary: parsed from a summaries entry, and its value against HNN-core's
/// _get_relative_power (tests/data/spectra/band_power.csv, negated) for the ERP dipole.
/// </summary>
public sealed class PsdBandSummaryTests(ITestOutputHelper output)
{
    private static SummarySpec Parse(string json)
    {
        using var doc = JsonDocument.Parse($"[{json}]");
        return Assert.Single(SummarySpec.ParseList(doc.RootElement, "$.summaries", "."));
    }

    [Fact]
    public void EqualsHnnCoresRelativeBetaPowerOfTheRawErp()
    {
        // band_power.csv erp_raw_beta: HNN-core returns −0.02924519107973524; tolerance 1e-12 relative.
        var expected = -Csv.Double(Csv.ReadData("spectra", "band_power.csv").Rows.Single(r => r[0] == "erp_raw_beta")[4]);
        var summary = Parse("{\"psd_band\": {\"fmin\": 15, \"fmax\": 30}}");
        Assert.Equal(["psd_band"], summary.Columns([]));
        var value = Assert.Single(summary.Compute(new SummaryInput([], [SpectraReference.ErpRaw()], [])));
        var error = Math.Abs(value - expected) / expected;
        output.WriteLine($"psd_band 15–30 Hz: {value:R} vs HNN-core {expected:R}, relative error {error:E2} (tolerance 1e-12)");
        Assert.True(error <= 1e-12, $"relative error {error:E2}");

        var weighted = Assert.Single(Parse("{\"psd_band\": {\"fmin\": 15, \"fmax\": 30, \"weight\": 0.5, \"name\": \"beta\"}}")
            .Compute(new SummaryInput([], [SpectraReference.ErpRaw()], [])));
        output.WriteLine($"weight 0.5: {weighted:R} (expected half of {value:R} to 1e-15)");
        Assert.Equal(0.5 * value, weighted, 1e-15);
    }

    [Theory]
    [InlineData("\"psd_band\"", "$.summaries[0]", "needs its band")]
    [InlineData("{\"psd_band\": {\"fmax\": 30}}", "$.summaries[0].psd_band.fmin", "missing")]
    [InlineData("{\"psd_band\": {\"fmin\": -1, \"fmax\": 30}}", "$.summaries[0].psd_band.fmin", "-1 is not allowed")]
    [InlineData("{\"psd_band\": {\"fmin\": 30, \"fmax\": 15}}", "$.summaries[0].psd_band.fmax", ">= fmin")]
    [InlineData("{\"psd_band\": {\"fmin\": 15, \"fmax\": 30, \"band\": 1}}", "$.summaries[0].psd_band.band", "unknown")]
    public void RefusesBadEntriesWithTheirJsonPath(string json, string path, string needle)
    {
        var e = Assert.Throws<ExperimentFileException>(() => Parse(json));
        output.WriteLine(e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains(needle, e.Message);
    }
}
