using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Experiment;

/// <summary>
/// The experiment's "spectra" decim (docs/experiment-file.md): read for psd and tfr as one factor or
/// a list, written back by the experiment writer, and refused with the JSON path and what is
/// allowed when HNN-core would refuse it or when the run could not be decimated or resolved.
/// </summary>
public sealed class SpectraDecimTests(ITestOutputHelper output)
{
    private static string With(string spectra, double tstop = 170) =>
        $$"""{"network": {"model": "jones_2009_model"}, "tstop": {{tstop}}, "dt": 0.025, "spectra": {{spectra}}}""";

    [Fact]
    public void ReadsAndWritesBackOneFactorOrAList()
    {
        var spec = ExperimentReader.Parse(With("""{"psd": {"fmax": 100, "decim": 10}, "tfr": {"freqs": [30, 40], "n_cycles": 7, "decim": [2, 5]}}"""));
        Assert.Equal([10], spec.Spectra!.Psd!.Decim!);
        Assert.Equal([2, 5], spec.Spectra.Tfr!.Decim!);
        var written = ExperimentWriter.Write(spec);
        output.WriteLine(written);
        var again = ExperimentReader.Parse(written);
        Assert.Equal([10], again.Spectra!.Psd!.Decim!);
        Assert.Equal([2, 5], again.Spectra.Tfr!.Decim!);
        Assert.Equal(spec.Spectra.Psd.FMax, again.Spectra.Psd.FMax);

        var none = ExperimentReader.Parse(With("""{"psd": {}, "tfr": {"freqs": [30]}}"""));
        Assert.Null(none.Spectra!.Psd!.Decim);
        Assert.Null(none.Spectra.Tfr!.Decim);
        Assert.Null(ExperimentReader.Parse(ExperimentWriter.Write(none)).Spectra!.Tfr!.Decim);
    }

    public static TheoryData<string, double, string, string> Bad => new()
    {
        { """{"tfr": {"freqs": [30], "decim": 2.5}}""", 170, "$.spectra.tfr.decim", "the number 2.5 is not allowed; allowed: a decimation factor (a positive integer" },
        { """{"tfr": {"freqs": [30], "decim": 2.0}}""", 170, "$.spectra.tfr.decim", "the number 2.0 is not allowed" },
        { """{"psd": {"decim": 0}}""", 170, "$.spectra.psd.decim", "0 is not allowed; allowed: a decimation factor" },
        { """{"psd": {"decim": [2, -1]}}""", 170, "$.spectra.psd.decim[1]", "-1 is not allowed" },
        { """{"psd": {"decim": []}}""", 170, "$.spectra.psd.decim", "an empty list is not allowed" },
        { """{"psd": {"decim": true}}""", 170, "$.spectra.psd.decim", "true is not allowed" },
        { """{"tfr": {"freqs": [30], "decim": "2"}}""", 170, "$.spectra.tfr.decim", "the string \"2\" is not allowed" },
        { """{"psd": {"decim": [2, 2]}}""", 1, "$.spectra.psd.decim", "decimation step 2 (factor 2) gets 20 samples; its filter needs more than 27" },
        { """{"psd": {"fmax": 1000, "decim": 40}}""", 170, "$.spectra.psd.decim", "lowers the Nyquist frequency to 500 Hz, below fmax 1000 Hz" },
        { """{"tfr": {"freqs": [150, 300], "decim": 100}}""", 170, "$.spectra.tfr.freqs", "300 Hz is above the Nyquist frequency 200 Hz of the run (dt 0.025 ms) decimated by [100]" },
        { """{"tfr": {"freqs": [20], "decim": [2, 5]}}""", 170, "$.spectra.tfr.freqs", "20 Hz with 7 cycles needs a wavelet of 2229 samples, longer than the 2038 samples of the padded 170 ms run decimated by [2, 5]" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void RefusesWithThePathAndWhatIsAllowed(string spectra, double tstop, string path, string fragment)
    {
        var ex = Assert.Throws<ExperimentFileException>(() => ExperimentReader.Parse(With(spectra, tstop)));
        output.WriteLine(ex.Message);
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(fragment, ex.Message);
    }
}
