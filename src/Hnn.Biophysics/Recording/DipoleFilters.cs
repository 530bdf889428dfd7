using MathNet.Numerics.LinearAlgebra;

namespace Hnn.Biophysics.Recording;

/// <summary>The smoothing filters HNN-core offers on dipoles (docs/dev/dipole.md §5.2–§5.3).</summary>
internal static class DipoleFilters
{
    /// <summary>
    /// numpy's convolve(x, w, "same") with the normalised Hamming window
    /// w[n] = 0.54 − 0.46·cos(2πn/(M−1)), M = round_half_even(1e-3·window·sfreq).
    /// </summary>
    public static double[] HammingSmooth(double[] x, double windowMs, double sfreq)
    {
        if (!(windowMs >= 0) || double.IsInfinity(windowMs)) throw new ArgumentException($"Window length must be a non-negative number, got {windowMs}", nameof(windowMs));
        if (windowMs > 0 && windowMs < 1) throw new ArgumentException($"Window length less than 1 ms is not supported, got {windowMs}", nameof(windowMs));
        var m = (int)Math.Round(1e-3 * windowMs * sfreq, MidpointRounding.ToEven);
        if (m < 1)
            throw new ArgumentException($"Window size is too small: {m} samples. Window size is given by (1e-3 * window_len * sfreq) and must be >= 1.", nameof(windowMs));
        if (m > x.Length) throw new ArgumentException($"Window size is too long: {m} samples; data length is {x.Length} samples", nameof(windowMs));
        var w = new double[m];
        if (m == 1) w[0] = 1.0;
        else
            for (var n = 0; n < m; n++) w[n] = 0.54 - 0.46 * Math.Cos(2.0 * Math.PI * n / (m - 1));
        var sum = w.Sum();
        for (var n = 0; n < m; n++) w[n] /= sum;
        var offset = (m - 1) / 2;
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            // y[i] = Σ_k x[k]·w[i + offset − k] over 0 ≤ i + offset − k < m.
            var j = i + offset;
            var kLo = Math.Max(0, j - m + 1);
            var kHi = Math.Min(x.Length - 1, j);
            var acc = 0.0;
            for (var k = kLo; k <= kHi; k++) acc += x[k] * w[j - k];
            y[i] = acc;
        }
        return y;
    }

    /// <summary>
    /// SciPy's savgol_filter(x, window, polyorder = 5) with mode "interp": a least-squares
    /// polynomial of order 5 over each window, evaluated at its centre; the first and last
    /// half-windows take the polynomial fitted to the first/last full window.
    /// window = (round_half_even(sfreq/hFreq) // 2)·2 + 1.
    /// </summary>
    public static double[] SavitzkyGolay(double[] x, double hFreq, double sfreq)
    {
        const int order = 5;
        if (hFreq < 0) throw new ArgumentException($"h_freq cannot be negative, got {hFreq}", nameof(hFreq));
        if (hFreq == 0) throw new ArgumentException("High cutoff frequency must be positive", nameof(hFreq));
        if (hFreq >= 0.5 * sfreq) throw new ArgumentException($"h_freq must be less than half the sample rate ({0.5 * sfreq} Hz), got {hFreq}", nameof(hFreq));
        var window = (int)Math.Round(sfreq / hFreq, MidpointRounding.ToEven) / 2 * 2 + 1;
        if (window <= order) throw new ArgumentException($"h_freq {hFreq} Hz gives a {window}-sample window; polyorder 5 needs more than 5", nameof(hFreq));
        if (window > x.Length) throw new ArgumentException($"h_freq {hFreq} Hz gives a {window}-sample window, longer than the {x.Length} samples", nameof(hFreq));
        var half = window / 2;

        // Vandermonde of positions −1 … 1 (scaled by the half-width to keep it well conditioned);
        // the fit's row for the constant term gives the centre coefficients.
        var v = Matrix<double>.Build.Dense(window, order + 1, (i, p) => Math.Pow((i - half) / (double)half, p));
        var pinv = v.PseudoInverse();            // (order+1) × window: data → polynomial coefficients
        var centre = pinv.Row(0).ToArray();
        var y = new double[x.Length];
        for (var i = half; i < x.Length - half; i++)
        {
            var acc = 0.0;
            for (var k = 0; k < window; k++) acc += centre[k] * x[i - half + k];
            y[i] = acc;
        }
        FitEdge(x, y, pinv, 0, half, window);
        FitEdge(x, y, pinv, x.Length - window, half, window);
        return y;
    }

    // mode "interp": evaluate the polynomial fitted to the edge window at its first/last half.
    private static void FitEdge(double[] x, double[] y, Matrix<double> pinv, int start, int half, int window)
    {
        var coef = pinv * Vector<double>.Build.Dense(window, k => x[start + k]);
        var from = start == 0 ? 0 : start + half + 1;
        var to = start == 0 ? half : start + window;
        for (var i = from; i < to; i++)
        {
            var pos = (i - start - half) / (double)half;
            var acc = 0.0;
            for (var p = coef.Count - 1; p >= 0; p--) acc = acc * pos + coef[p];
            y[i] = acc;
        }
    }
}
