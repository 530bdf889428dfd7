using System.Globalization;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;
using Hnn.Host.Plots;

namespace Hnn.Host.Files;

/// <summary>
/// An experiment's "spectra" as files of the run folder (docs/experiment-file.md): psd.csv and
/// psd.png (the trial-average periodogram of agg, HNN-core's plot_psd), tfr.csv and tfr.png (the
/// trial-average Morlet power, plot_tfr_morlet), from the post-processed dipoles the run writes,
/// each decimated first when the entry has a decim (docs/dev/spectra.md §7).
/// </summary>
internal static class SpectraFiles
{
    public static void Write(string dir, IReadOnlyList<Dipole> dipoles, SpectraEntry spectra)
    {
        var trials = dipoles.Count == 1 ? "1 trial" : $"average of {dipoles.Count} trials";
        if (spectra.Psd is { } psd)
        {
            var (freqs, power) = DipolePsd.Of(dipoles, decim: psd.Decim);
            AtomicFile.WriteText(Path.Combine(dir, "psd.csv"), w =>
            {
                w.WriteLine("frequency_hz,power");
                for (var k = 0; k < freqs.Length; k++) w.WriteLine($"{R(freqs[k])},{R(power[k])}");
            });
            PsdPlot.Save(Path.Combine(dir, "psd.png"), freqs, power, $"PSD of the agg dipole ({trials})", psd.FMin, psd.FMax);
        }
        if (spectra.Tfr is { } tfr)
        {
            var result = MorletTfr.Power(dipoles, tfr.Freqs, [tfr.NCycles], decim: tfr.Decim);
            AtomicFile.WriteText(Path.Combine(dir, "tfr.csv"), w =>
            {
                w.WriteLine("time_ms," + string.Join(",", result.Frequencies.Select(f => $"power_{R(f)}hz")));
                for (var k = 0; k < result.Times.Length; k++)
                    w.WriteLine(R(result.Times[k]) + "," + string.Join(",", Enumerable.Range(0, result.Frequencies.Length).Select(f => R(result.Power[f, k]))));
            });
            TfrPlot.Save(Path.Combine(dir, "tfr.png"), result, $"Morlet power of the agg dipole, {R(tfr.NCycles)} cycles ({trials})");
        }
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
