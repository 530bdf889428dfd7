using System.Numerics;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// SciPy's signal.resample for real input (docs/dev/dipole.md §9): the series is treated as one period
/// of a periodic signal, its spectrum is cut or zero-padded to the new length, and transformed back.
/// </summary>
internal static class FourierResample
{
    public static double[] Resample(ReadOnlySpan<double> x, int num)
    {
        if (x.Length < 1) throw new ArgumentException("cannot resample an empty series", nameof(x));
        if (num < 1) throw new ArgumentException($"the new length must be at least 1 sample, got {num}", nameof(num));
        var nx = x.Length;
        var spectrum = new Complex[nx];
        for (var i = 0; i < nx; i++) spectrum[i] = new Complex(x[i], 0.0);
        ExactChirpFft.Forward(spectrum);

        // The one-sided spectrum of the result (rfft layout, bins 0 … num/2): the lowest
        // min(num, nx)/2 + 1 bins of the input, the rest zero.
        var n = Math.Min(num, nx);
        var half = new Complex[num / 2 + 1];
        for (var k = 0; k <= n / 2; k++) half[k] = spectrum[k];
        if (n % 2 == 0)
        {
            // The bin at n/2 stands for both +n/2 and −n/2: when cutting it becomes the new Nyquist bin
            // and takes both halves; when padding it is shared between the two new bins.
            if (num < nx) half[n / 2] *= 2.0;
            else if (nx < num) half[n / 2] *= 0.5;
        }

        // Inverse real FFT of length num: a Hermitian full spectrum whose bin 0 (and Nyquist bin
        // for even num) keeps only its real part.
        var full = new Complex[num];
        full[0] = half[0].Real;
        for (var k = 1; k <= (num - 1) / 2; k++)
        {
            full[k] = half[k];
            full[num - k] = Complex.Conjugate(half[k]);
        }
        if (num % 2 == 0) full[num / 2] = half[num / 2].Real;
        ExactChirpFft.Inverse(full);

        var y = new double[num];
        var ratio = (double)num / nx;
        for (var i = 0; i < num; i++) y[i] = full[i].Real * (1.0 / num) * ratio;
        return y;
    }
}
