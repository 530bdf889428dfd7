using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The power spectral density HNN-core's plot_psd shows for one layer of some trials
/// (docs/dev/spectra.md §4): each trial cropped to [tmin, tmax), its Hamming periodogram, and
/// the mean over trials.
/// </summary>
public static class DipolePsd
{
    /// <summary>
    /// Frequencies (Hz) and the trial-mean PSD (nAm²/Hz, times the dipoles' scale squared).
    /// </summary>
    /// <param name="trials">At least one dipole; all sampled and scaled alike, with the same number of samples in the window.</param>
    /// <param name="layer">The column: agg, L2 or L5 (any column the dipoles have).</param>
    /// <param name="tmin">First time kept (ms), inclusive; null = the first sample.</param>
    /// <param name="tmax">End of the window (ms), exclusive; null = the last sample (which is then left out, as in HNN-core).</param>
    /// <param name="decim">Decimation factors applied to each crop in turn before the periodogram (docs/dev/spectra.md §7;
    /// plot_tfr_morlet's decim, which v0.6.1's plot_psd does not offer); the sampling frequency is divided by their product. Null: none.</param>
    public static (double[] Frequencies, double[] Power) Of(IReadOnlyList<Dipole> trials, string layer = Dipole.Agg, double? tmin = null, double? tmax = null,
        IReadOnlyList<int>? decim = null)
    {
        if (decim is not null) Decimation.CheckFactors(decim);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(layer);
        if (trials.Count == 0) throw new ArgumentException("a PSD needs at least one Dipole (one per trial), got none", nameof(trials));
        if (tmin is { } a && !double.IsFinite(a)) throw new ArgumentException($"tmin must be a finite time in ms or null, got {a}", nameof(tmin));
        if (tmax is { } b && !double.IsFinite(b)) throw new ArgumentException($"tmax must be a finite time in ms or null, got {b}", nameof(tmax));

        double[] frequencies = [];
        double[] sum = [];
        var samples = 0;
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i] ?? throw new ArgumentException($"trials[{i}] is null; every entry must be a Dipole", nameof(trials));
            CheckAlike(trials, i, layer);
            var data = Crop(trial, layer, tmin, tmax);
            if (data.Length == 0)
                throw new ArgumentException(
                    $"trials[{i}] has no samples in [{tmin?.ToString() ?? "start"}, {tmax?.ToString() ?? "end"}) ms; its times run from {trial.Times[0]} to {trial.Times[^1]} ms",
                    tmin is null ? nameof(tmax) : nameof(tmin));
            if (i > 0 && data.Length != samples)
                throw new ArgumentException(
                    $"trials[{i}] has {data.Length} samples in the window, trials[0] has {samples}; all trials must share their times", nameof(trials));
            var cropped = data.Length;
            var fs = trial.SamplingFrequency;
            if (decim is not null)
            {
                if (Decimation.TooShort(data.Length, decim) is { } why)
                    throw new ArgumentException($"trials[{i}] has {data.Length} samples in the window: {why}", nameof(decim));
                (data, _, fs) = Decimation.Apply(data, new double[data.Length], fs, decim);
            }
            var (f, p) = Periodogram.Compute(data, fs, "hamming");
            if (i == 0)
            {
                (frequencies, sum, samples) = (f, p, cropped);
                continue;
            }
            for (var k = 0; k < sum.Length; k++) sum[k] += p[k];
        }
        // The mean over trials that plot_psd's documentation describes (§4.2; v0.6.1 draws the last trial only).
        for (var k = 0; k < sum.Length; k++) sum[k] /= trials.Count;
        return (frequencies, sum);
    }

    /// <summary>HNN-core's time window: samples with max(tmin, t0) ≤ t &lt; min(tmax, t_end).</summary>
    internal static double[] Crop(Dipole trial, string layer, double? tmin, double? tmax)
    {
        var times = trial.Times;
        var lo = tmin is { } a ? Math.Max(a, times[0]) : times[0];
        var hi = tmax is { } b ? Math.Min(b, times[^1]) : times[^1];
        var column = trial[layer];
        var kept = new List<double>(times.Length);
        for (var k = 0; k < times.Length; k++)
            if (times[k] >= lo && times[k] < hi) kept.Add(column[k]);
        return [.. kept];
    }

    /// <summary>plot_psd's two checks (its RuntimeErrors), plus the layer.</summary>
    internal static void CheckAlike(IReadOnlyList<Dipole> trials, int i, string layer)
    {
        var trial = trials[i];
        if (!trial.Order.Contains(layer))
            throw new ArgumentException($"trials[{i}] has no layer '{layer}'; its columns: {string.Join(", ", trial.Order)}", nameof(layer));
        if (trial.ScaleApplied != trials[0].ScaleApplied)
            throw new ArgumentException(
                $"All dipoles must be scaled equally! trials[{i}] is scaled by {trial.ScaleApplied}, trials[0] by {trials[0].ScaleApplied}", nameof(trials));
        if (trial.SamplingFrequency != trials[0].SamplingFrequency)
            throw new ArgumentException(
                $"All dipoles must be sampled equally! trials[{i}] at {trial.SamplingFrequency} Hz, trials[0] at {trials[0].SamplingFrequency} Hz", nameof(trials));
    }
}
