using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// HNN-core's PSD objective (_get_relative_power of its optimiser, docs/dev/spectra.md §3): the
/// weighted share of a dipole's power that falls in some frequency bands.
/// </summary>
internal static class BandPower
{
    /// <summary>
    /// Σ over bands of Weight · (PSD summed over bins with FMin ≤ f ≤ FMax) / (PSD summed over all bins),
    /// from the Hamming periodogram of <paramref name="column"/> at the dipole's sampling frequency.
    /// Positive: HNN-core returns the negative of this value because its optimiser minimises.
    /// A series without power (constant) gives NaN (0/0), as in HNN-core.
    /// </summary>
    /// <param name="bands">
    /// At least one band; 0 ≤ FMin ≤ FMax, finite. A band may reach past Nyquist (it then counts up
    /// to Nyquist) and bands may overlap (bins then count once per band), as in HNN-core. Weights
    /// are finite numbers of either sign.
    /// </param>
    internal static double Relative(Dipole dipole, string column, IReadOnlyList<(double FMin, double FMax, double Weight)> bands)
    {
        ArgumentNullException.ThrowIfNull(dipole);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(bands);
        if (!dipole.Order.Contains(column))
            throw new ArgumentException($"no dipole column '{column}'; columns: {string.Join(", ", dipole.Order)}", nameof(column));
        Validate(bands);

        var (frequencies, power) = Periodogram.Compute(dipole[column], dipole.SamplingFrequency, "hamming");
        // Plain left-to-right sums, as HNN-core's Python sum() adds them.
        var weighted = 0.0;
        foreach (var (fMin, fMax, weight) in bands)
        {
            var inBand = 0.0;
            for (var k = 0; k < frequencies.Length; k++)
                if (frequencies[k] >= fMin && frequencies[k] <= fMax) inBand += power[k];
            weighted += weight * inBand;
        }
        var total = 0.0;
        foreach (var p in power) total += p;
        return weighted / total;
    }

    private static void Validate(IReadOnlyList<(double FMin, double FMax, double Weight)> bands)
    {
        if (bands.Count == 0)
            throw new ArgumentException("relative band power needs at least one frequency band (fmin, fmax, weight), got none", nameof(bands));
        for (var i = 0; i < bands.Count; i++)
        {
            var (fMin, fMax, weight) = bands[i];
            if (!double.IsFinite(fMin) || fMin < 0)
                throw new ArgumentException($"bands[{i}]: fmin must be a finite frequency ≥ 0 Hz, got {fMin}", nameof(bands));
            if (!double.IsFinite(fMax) || fMax < fMin)
                throw new ArgumentException($"bands[{i}]: fmax must be a finite frequency ≥ fmin ({fMin} Hz), got {fMax}", nameof(bands));
            if (!double.IsFinite(weight))
                throw new ArgumentException($"bands[{i}]: the weight must be a finite number, got {weight}", nameof(bands));
        }
    }
}
