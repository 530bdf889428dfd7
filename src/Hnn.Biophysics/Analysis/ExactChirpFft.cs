using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// Unscaled discrete Fourier transforms of any length (docs/dev/dipole.md §9): powers of two go to
/// MathNet directly; other lengths use Bluestein's chirp method with the chirp's phase reduced exactly
/// (k² mod 2N in integers), which keeps long series accurate to a few ulp of their largest value.
/// </summary>
internal static class ExactChirpFft
{
    /// <summary>X[k] = Σ x[n]·e^(−2πi·nk/N), in place.</summary>
    public static void Forward(Complex[] data)
    {
        var n = data.Length;
        if (n <= 1) return;
        if ((n & (n - 1)) == 0)
        {
            Fourier.Forward(data, FourierOptions.NoScaling);
            return;
        }
        var m = 1;
        while (m < 2 * n - 1) m <<= 1;
        // chirp[k] = e^(iπ·k²/N); k² mod 2N keeps the angle below 2π.
        var chirp = new Complex[n];
        for (var k = 0; k < n; k++)
        {
            var r = (long)k * k % (2L * n);
            chirp[k] = Complex.FromPolarCoordinates(1.0, Math.PI * r / n);
        }
        var a = new Complex[m];
        for (var k = 0; k < n; k++) a[k] = data[k] * Complex.Conjugate(chirp[k]);
        var b = new Complex[m];
        b[0] = chirp[0];
        for (var k = 1; k < n; k++) b[k] = b[m - k] = chirp[k];
        Fourier.Forward(a, FourierOptions.NoScaling);
        Fourier.Forward(b, FourierOptions.NoScaling);
        for (var k = 0; k < m; k++) a[k] *= b[k];
        Fourier.Inverse(a, FourierOptions.NoScaling);
        for (var k = 0; k < n; k++) data[k] = Complex.Conjugate(chirp[k]) * a[k] / m;
    }

    /// <summary>x[n] = Σ X[k]·e^(+2πi·nk/N) (no 1/N), in place.</summary>
    public static void Inverse(Complex[] data)
    {
        for (var k = 0; k < data.Length; k++) data[k] = Complex.Conjugate(data[k]);
        Forward(data);
        for (var k = 0; k < data.Length; k++) data[k] = Complex.Conjugate(data[k]);
    }
}
