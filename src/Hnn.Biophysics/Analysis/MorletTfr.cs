using System.Numerics;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// A Morlet time–frequency power map: the output times (ms), the frequencies (Hz) and the power,
/// indexed [frequency, time] (nAm², times the dipoles' scale squared).
/// </summary>
public sealed record TfrResult(double[] Times, double[] Frequencies, double[,] Power);

/// <summary>
/// The Morlet power HNN-core's plot_tfr_morlet draws (docs/dev/spectra.md §6): each trial cropped
/// to [tmin, tmax), padded, convolved with mne's Morlet wavelets (tfr_array_morlet, output
/// "power", zero_mean false), cropped back, and averaged over trials.
/// </summary>
public static class MorletTfr
{
    /// <summary>The paddings plot_tfr_morlet offers: "zeros" (its default), "mirror", or null for none.</summary>
    public static readonly IReadOnlyList<string> Paddings = ["zeros", "mirror"];

    /// <summary>Computes the trial-mean Morlet power of one layer.</summary>
    /// <param name="trials">At least one dipole; all sampled and scaled alike, with the same samples in the window.</param>
    /// <param name="freqs">The frequencies (Hz), each &gt; 0 and at most half the sampling frequency, in any order.</param>
    /// <param name="nCycles">Cycles per wavelet: one value for all frequencies or one per frequency; null = 7 (HNN-core's default).</param>
    /// <param name="layer">agg, L2 or L5 (any column the dipoles have).</param>
    /// <param name="tmin">First time kept (ms), inclusive; null = the first sample.</param>
    /// <param name="tmax">End of the window (ms), exclusive; null = the last sample (then left out, as in HNN-core).</param>
    /// <param name="padding">"zeros", "mirror" or null (no padding); HNN-core's default is "zeros".</param>
    /// <param name="decim">HNN-core's decim: factors applied to each crop in turn with scipy's decimate before the padding
    /// (docs/dev/spectra.md §7); the sampling frequency is divided by their product. Null: none.</param>
    public static TfrResult Power(IReadOnlyList<Dipole> trials, IReadOnlyList<double> freqs, IReadOnlyList<double>? nCycles = null,
        string layer = Dipole.Agg, double? tmin = null, double? tmax = null, string? padding = "zeros", IReadOnlyList<int>? decim = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(freqs);
        ArgumentNullException.ThrowIfNull(layer);
        if (trials.Count == 0) throw new ArgumentException("a TFR needs at least one Dipole (one per trial), got none", nameof(trials));
        if (padding is not null && !Paddings.Contains(padding))
            throw new ArgumentException($"padding '{padding}' is not allowed; allowed: \"zeros\", \"mirror\" or null", nameof(padding));
        if (tmin is { } a && !double.IsFinite(a)) throw new ArgumentException($"tmin must be a finite time in ms or null, got {a}", nameof(tmin));
        if (tmax is { } b && !double.IsFinite(b)) throw new ArgumentException($"tmax must be a finite time in ms or null, got {b}", nameof(tmax));
        var cycles = nCycles ?? [7.0];
        if (decim is not null) Decimation.CheckFactors(decim);
        var product = decim?.Aggregate(1.0, (p, q) => p * q) ?? 1.0;
        CheckFrequencies(freqs, cycles, (trials[0]?.SamplingFrequency ?? double.NaN) / product);

        double[,]? sum = null;
        double[] times = [];
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i] ?? throw new ArgumentException($"trials[{i}] is null; every entry must be a Dipole", nameof(trials));
            DipolePsd.CheckAlike(trials, i, layer);
            var data = DipolePsd.Crop(trial, layer, tmin, tmax);
            if (data.Length == 0)
                throw new ArgumentException(
                    $"trials[{i}] has no samples in [{tmin?.ToString() ?? "start"}, {tmax?.ToString() ?? "end"}) ms; its times run from {trial.Times[0]} to {trial.Times[^1]} ms",
                    tmin is null ? nameof(tmax) : nameof(tmin));
            var fs = trial.SamplingFrequency;
            var trialTimes = CroppedTimes(trial, tmin, tmax);
            if (decim is not null)
            {
                if (Decimation.TooShort(data.Length, decim) is { } why)
                    throw new ArgumentException($"trials[{i}] has {data.Length} samples in the window: {why}", nameof(decim));
                (data, trialTimes, fs) = Decimation.Apply(data, trialTimes, fs, decim);
            }
            if (sum is null)
            {
                sum = new double[freqs.Count, data.Length];
                times = trialTimes;
            }
            else if (data.Length != sum.GetLength(1))
                throw new ArgumentException(
                    $"trials[{i}] has {data.Length} samples in the window, trials[0] has {sum.GetLength(1)}; all trials must share their times", nameof(trials));
            AddTrialPower(Pad(data, padding), data.Length, padding is not null, fs, freqs, cycles, sum);
        }
        // HNN-core's np.mean over the trials' powers.
        for (var f = 0; f < sum!.GetLength(0); f++)
            for (var k = 0; k < sum.GetLength(1); k++)
                sum[f, k] /= trials.Count;
        return new TfrResult(times, [.. freqs], sum);
    }

    /// <summary>
    /// mne's Morlet wavelet for frequency f (Hz) with n cycles at fs (Hz): 2m − 1 samples centred on t = 0,
    /// m = ⌈5σ·fs⌉, σ = n / (2πf), scaled to norm √2.
    /// </summary>
    internal static Complex[] Wavelet(double fs, double f, double nCycles)
    {
        var sigma = nCycles / (2.0 * Math.PI * f);
        var step = 1.0 / fs;
        // np.arange(0, 5σ, 1/fs): ⌈5σ / step⌉ points i·step.
        var m = (int)Math.Ceiling(5.0 * sigma / step);
        var w = new Complex[2 * m - 1];
        var omega = 2.0 * Math.PI * f;
        var norm2 = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            var t = k < m ? -((m - 1 - k) * step) : (k - m + 1) * step;
            var envelope = Math.Exp(-(t * t) / (2.0 * (sigma * sigma)));
            var theta = omega * t;
            w[k] = new Complex(Math.Cos(theta) * envelope, Math.Sin(theta) * envelope);
            norm2 += w[k].Real * w[k].Real + w[k].Imaginary * w[k].Imaginary;
        }
        var scale = Math.Sqrt(0.5) * Math.Sqrt(norm2);
        for (var k = 0; k < w.Length; k++) w[k] /= scale;
        return w;
    }

    /// <summary>mne's length in samples of the wavelet for f and n cycles at fs: 2⌈5σ·fs⌉ − 1.</summary>
    internal static int WaveletLength(double fs, double f, double nCycles) =>
        2 * (int)Math.Ceiling(5.0 * (nCycles / (2.0 * Math.PI * f)) / (1.0 / fs)) - 1;

    private static void CheckFrequencies(IReadOnlyList<double> freqs, IReadOnlyList<double> cycles, double fs)
    {
        if (freqs.Count == 0) throw new ArgumentException("freqs is empty; allowed: at least one frequency in Hz", nameof(freqs));
        for (var i = 0; i < freqs.Count; i++)
            if (!(freqs[i] > 0) || !double.IsFinite(freqs[i]) || freqs[i] > fs / 2)
                throw new ArgumentException($"freqs[{i}] = {freqs[i]} Hz is not allowed; allowed: 0 < f <= {fs / 2} Hz (the Nyquist frequency)", nameof(freqs));
        if (cycles.Count != 1 && cycles.Count != freqs.Count)
            throw new ArgumentException($"nCycles has {cycles.Count} values; allowed: one for all frequencies or one per frequency ({freqs.Count})", "nCycles");
        for (var i = 0; i < cycles.Count; i++)
            if (!(cycles[i] > 0) || !double.IsFinite(cycles[i]))
                throw new ArgumentException($"nCycles[{i}] = {cycles[i]} is not allowed; allowed: a finite number of cycles > 0", "nCycles");
    }

    private static double[] CroppedTimes(Dipole trial, double? tmin, double? tmax)
    {
        var t = trial.Times;
        var lo = tmin is { } a ? Math.Max(a, t[0]) : t[0];
        var hi = tmax is { } b ? Math.Min(b, t[^1]) : t[^1];
        return [.. t.Where(x => x >= lo && x < hi)];
    }

    /// <summary>plot_tfr_morlet's padding: N − 1 zeros each side, or the mirror images without the end samples.</summary>
    private static double[] Pad(double[] data, string? padding)
    {
        var n = data.Length;
        if (padding is null) return data;
        var padded = new double[3 * n - 2];
        Array.Copy(data, 0, padded, n - 1, n);
        if (padding == "mirror")
            for (var k = 1; k < n; k++)
            {
                padded[n - 1 - k] = data[k];
                padded[2 * n - 2 + k] = data[n - 1 - k];
            }
        return padded;
    }

    /// <summary>
    /// Adds one trial's |x ∗ W|² ('same' convolution, as mne by FFT) to sum, keeping the middle n samples
    /// when padded.
    /// </summary>
    private static void AddTrialPower(double[] x, int n, bool padded, double fs, IReadOnlyList<double> freqs, IReadOnlyList<double> cycles, double[,] sum)
    {
        var length = x.Length;
        // mne checks only the first frequency's wavelet against the (padded) signal.
        var first = WaveletLength(fs, freqs[0], cycles[0]);
        if (first > length)
            throw new ArgumentException(
                $"the wavelet for {freqs[0]} Hz with {cycles[0]} cycles has {first} samples, longer than the {(padded ? "padded " : "")}signal ({length} samples); " +
                "allowed: higher frequencies, fewer cycles or a longer window (mne: \"At least one of the wavelets is longer than the signal\")", nameof(freqs));
        var longest = 0;
        for (var i = 0; i < freqs.Count; i++) longest = Math.Max(longest, WaveletLength(fs, freqs[i], cycles[cycles.Count == 1 ? 0 : i]));
        var size = 1;
        while (size < length + longest - 1) size <<= 1;
        var spectrum = new Complex[size];
        for (var k = 0; k < length; k++) spectrum[k] = x[k];
        ExactChirpFft.Forward(spectrum);
        var product = new Complex[size];
        var offset = padded ? n - 1 : 0;
        for (var i = 0; i < freqs.Count; i++)
        {
            var w = Wavelet(fs, freqs[i], cycles[cycles.Count == 1 ? 0 : i]);
            Array.Clear(product);
            Array.Copy(w, product, w.Length);
            ExactChirpFft.Forward(product);
            for (var k = 0; k < size; k++) product[k] *= spectrum[k];
            ExactChirpFft.Inverse(product);
            // 'same': the full convolution from (M − 1)/2 on; then the middle n of the padded series.
            var start = (w.Length - 1) / 2 + offset;
            for (var k = 0; k < n; k++)
            {
                var c = product[start + k] / size;
                sum[i, k] += c.Real * c.Real + c.Imaginary * c.Imaginary;
            }
        }
    }
}
