using System.Numerics;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The one-sided power spectral density of a whole series, as scipy.signal.periodogram(x, fs, window,
/// nfft=len(x)) gives it with its defaults (docs/dev/spectra.md §1): the mean removed, one window
/// over all samples, one DFT of the series' own length, density scaling.
/// </summary>
public static class Periodogram
{
    /// <summary>The window names accepted, as scipy.signal.get_window spells them.</summary>
    public static readonly IReadOnlyList<string> Windows = ["hamming", "boxcar", "rectangular"];

    /// <summary>
    /// Frequencies k·fs/N (Hz) for k = 0…⌊N/2⌋ and the PSD at each (units of x² per Hz).
    /// </summary>
    /// <param name="x">The series; at least one sample. Non-finite samples propagate (NaN out).</param>
    /// <param name="fs">Sampling frequency (Hz), finite and &gt; 0.</param>
    /// <param name="window">"hamming" (periodic) or "boxcar"/"rectangular".</param>
    public static (double[] Frequencies, double[] Power) Compute(ReadOnlySpan<double> x, double fs, string window = "hamming")
    {
        if (x.Length == 0) throw new ArgumentException("a periodogram needs at least one sample, got an empty series", nameof(x));
        if (!double.IsFinite(fs) || fs <= 0)
            throw new ArgumentException($"the sampling frequency fs must be a finite number of Hz > 0, got {fs}", nameof(fs));
        var w = Window(window, x.Length);

        var n = x.Length;
        var mean = 0.0;
        foreach (var v in x) mean += v;
        mean /= n;
        var sumSquares = 0.0;
        var spectrum = new Complex[n];
        for (var k = 0; k < n; k++)
        {
            spectrum[k] = new Complex(w[k] * (x[k] - mean), 0.0);
            sumSquares += w[k] * w[k];
        }
        ExactChirpFft.Forward(spectrum);

        // Density scaling; every bin but 0 Hz (and Nyquist for even N) stands for its negative twin too (§1).
        var scale = 1.0 / (fs * sumSquares);
        var bins = n / 2 + 1;
        var power = new double[bins];
        var frequencies = new double[bins];
        // numpy's rfftfreq: k · (1 / (N · (1/fs))); the same rounding keeps band edges on the same bins (§3).
        var step = 1.0 / (n * (1.0 / fs));
        for (var k = 0; k < bins; k++)
        {
            var c = spectrum[k];
            power[k] = (c.Real * c.Real + c.Imaginary * c.Imaginary) * scale;
            frequencies[k] = k * step;
        }
        var lastDoubled = n % 2 == 1 ? bins : bins - 1;
        for (var k = 1; k < lastDoubled; k++) power[k] *= 2;
        return (frequencies, power);
    }

    /// <summary>scipy.signal.get_window(window, n): the periodic ("DFT-even") form, docs/dev/spectra.md §2.</summary>
    internal static double[] Window(string window, int n)
    {
        ArgumentNullException.ThrowIfNull(window);
        var w = new double[n];
        switch (window)
        {
            case "boxcar" or "rectangular":
                Array.Fill(w, 1.0);
                return w;
            case "hamming":
                if (n == 1)
                {
                    w[0] = 1.0;
                    return w;
                }
                // The symmetric window of n + 1 points, last one dropped; the angle is numpy's linspace(−π, π, n + 1).
                const double alpha = 0.54;
                var step = 2 * Math.PI / n;
                for (var k = 0; k < n; k++) w[k] = alpha + (1.0 - alpha) * Math.Cos(k * step + -Math.PI);
                return w;
            default:
                throw new ArgumentException($"unknown window '{window}'; allowed: {string.Join(", ", Windows)}", nameof(window));
        }
    }
}
