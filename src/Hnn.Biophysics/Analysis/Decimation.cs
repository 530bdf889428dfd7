using System.Numerics;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The decimation of HNN-core's plot_tfr_morlet (its <c>decim</c>, docs/dev/spectra.md §7):
/// scipy 1.10.1's <c>signal.decimate(x, q)</c> with its defaults, i.e. an order-8 Chebyshev type I
/// low-pass (0.05 dB ripple, edge 0.8/q of Nyquist) as second-order sections, run forwards and
/// backwards over an odd extension of 27 samples per end (sosfiltfilt), then every q-th sample.
/// A list of factors is applied one after the other.
/// </summary>
public static class Decimation
{
    /// <summary>The filter order scipy's decimate uses for its IIR filter.</summary>
    public const int Order = 8;

    /// <summary>The pass-band ripple in dB.</summary>
    public const double RippleDb = 0.05;

    /// <summary>Samples of odd extension per end: 3 × (2 × sections + 1).</summary>
    public const int Edge = 3 * (2 * (Order / 2) + 1);

    /// <summary>
    /// The filter's zeros, poles and gain in the z-plane: scipy's cheb1ap prototype, moved to the
    /// pre-warped edge (lp2lp_zpk) and mapped by the bilinear transform at fs = 2 (bilinear_zpk).
    /// </summary>
    internal static (double[] Zeros, Complex[] Poles, double Gain) Zpk(int q)
    {
        if (q < 1) throw new ArgumentOutOfRangeException(nameof(q), q, "a decimation factor must be a positive integer");
        const int n = Order;
        // Analog prototype: poles on an ellipse, gain so that DC is at −ripple (even order).
        var eps = Math.Sqrt(Math.Pow(10.0, 0.1 * RippleDb) - 1.0);
        var mu = 1.0 / n * Math.Asinh(1.0 / eps);
        var p = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            var m = -n + 1 + 2 * i;
            var theta = Math.PI * m / (2 * n);
            // −sinh(μ + iθ)
            p[i] = new Complex(-(Math.Sinh(mu) * Math.Cos(theta)), -(Math.Cosh(mu) * Math.Sin(theta)));
        }
        var prod = -p[0];
        for (var i = 1; i < n; i++) prod = Mul(prod, -p[i]);
        var k = prod.Real / Math.Sqrt(1 + eps * eps);

        // Pre-warped edge for the bilinear transform at fs = 2, then scale the prototype.
        var wn = 0.8 / q;
        const double fs = 2.0;
        var warped = 2 * fs * Math.Tan(Math.PI * wn / fs);
        for (var i = 0; i < n; i++) p[i] = new Complex(warped * p[i].Real, warped * p[i].Imaginary);
        k *= Math.Pow(warped, n);

        // Bilinear transform: s → (2fs + s)/(2fs − s); the zeros at infinity go to z = −1.
        const double fs2 = 2.0 * fs;
        var den = new Complex(fs2 - p[0].Real, -p[0].Imaginary);
        for (var i = 0; i < n; i++)
        {
            if (i > 0) den = Mul(den, new Complex(fs2 - p[i].Real, -p[i].Imaginary));
            p[i] = Div(new Complex(fs2 + p[i].Real, p[i].Imaginary), new Complex(fs2 - p[i].Real, -p[i].Imaginary));
        }
        k *= Div(Complex.One, den).Real;
        var zeros = Enumerable.Repeat(-1.0, n).ToArray();
        return (zeros, p, k);
    }

    /// <summary>
    /// scipy's <c>cheby1(8, 0.05, 0.8 / q)</c> as one transfer function (b, a), a[0] = 1: b is the gain
    /// times the binomial coefficients of (1 + z⁻¹)⁸, a the product of (1 − pᵢz⁻¹) expanded pole by pole.
    /// </summary>
    public static (double[] B, double[] A) TransferFunction(int q)
    {
        var (zeros, poles, k) = Zpk(q);
        var b = Poly(zeros.Select(z => new Complex(z, 0)).ToArray()).Select(c => k * c.Real).ToArray();
        var a = Poly(poles).Select(c => c.Real).ToArray();
        return (b, a);
    }

    /// <summary>
    /// scipy's <c>cheby1(8, 0.05, 0.8 / q, output='sos')</c>: four rows [b0, b1, b2, 1, a1, a2]. Each row
    /// holds one conjugate pole pair and two zeros at −1; the pair closest to the unit circle is the last
    /// row (zpk2sos "nearest" pairing) and the gain multiplies the first row's b.
    /// </summary>
    public static double[,] Sections(int q)
    {
        var (_, poles, k) = Zpk(q);
        // One pole of each conjugate pair (the one with positive imaginary part), ordered as scipy's
        // _cplxreal orders them: by real part, then by |imaginary part|.
        var upper = poles.Where(c => c.Imaginary > 0).OrderBy(c => c.Real).ThenBy(c => Math.Abs(c.Imaginary)).ToList();
        var sections = upper.Count;
        var sos = new double[sections, 6];
        for (var s = sections - 1; s >= 0; s--)
        {
            var worst = 0;
            for (var i = 1; i < upper.Count; i++)
                if (Math.Abs(1 - Complex.Abs(upper[i])) < Math.Abs(1 - Complex.Abs(upper[worst]))) worst = i;
            var p1 = upper[worst];
            upper.RemoveAt(worst);
            var a = Poly([p1, Complex.Conjugate(p1)]);
            sos[s, 0] = 1.0;
            sos[s, 1] = 2.0;
            sos[s, 2] = 1.0;
            sos[s, 3] = a[0].Real;
            sos[s, 4] = a[1].Real;
            sos[s, 5] = a[2].Real;
        }
        for (var j = 0; j < 3; j++) sos[0, j] *= k;
        return sos;
    }

    /// <summary>
    /// scipy's <c>sosfiltfilt(sos, x)</c> with its defaults: an odd extension of <see cref="Edge"/>
    /// samples at both ends (2·x₀ − x[k] before, 2·x_last − x[N−1−k] after), a forward pass started
    /// from the steady state of a unit step times the first sample (sosfilt_zi), a backward pass
    /// started likewise from the forward pass's last output, and the extension cut off again.
    /// </summary>
    public static double[] FiltFilt(double[,] sos, double[] x)
    {
        ArgumentNullException.ThrowIfNull(sos);
        ArgumentNullException.ThrowIfNull(x);
        var sections = sos.GetLength(0);
        var edge = 3 * (2 * sections + 1);
        var n = x.Length;
        if (n <= edge)
            throw new ArgumentException($"a signal of {n} samples is too short to filter: scipy's filtfilt needs more than {edge} (its pad length)", nameof(x));
        var ext = new double[n + 2 * edge];
        for (var j = 0; j < edge; j++) ext[j] = 2 * x[0] - x[edge - j];
        Array.Copy(x, 0, ext, edge, n);
        for (var j = 0; j < edge; j++) ext[edge + n + j] = 2 * x[n - 1] - x[n - 2 - j];

        var zi = SteadyState(sos);
        var state = new double[sections, 2];
        Scale(zi, ext[0], state);
        Filter(sos, ext, state);
        Array.Reverse(ext);
        Scale(zi, ext[0], state);
        Filter(sos, ext, state);
        Array.Reverse(ext);
        var y = new double[n];
        Array.Copy(ext, edge, y, 0, n);
        return y;
    }

    /// <summary>scipy's <c>decimate(x, q)</c>: <see cref="FiltFilt"/> with <see cref="Sections"/>(q), then x[::q].</summary>
    public static double[] Decimate(double[] x, int q)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (q < 1) throw new ArgumentOutOfRangeException(nameof(q), q, "a decimation factor must be a positive integer");
        var y = FiltFilt(Sections(q), x);
        return EveryQth(y, q);
    }

    /// <summary>
    /// HNN-core's _decimate_plot_data: each factor in turn decimates the data and keeps every q-th time;
    /// the sampling frequency is divided by the product of the factors.
    /// </summary>
    public static (double[] Data, double[] Times, double SamplingFrequency) Apply(double[] data, double[] times, double samplingFrequency, IReadOnlyList<int> factors)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(factors);
        CheckFactors(factors);
        var product = 1.0;
        foreach (var q in factors)
        {
            data = Decimate(data, q);
            times = EveryQth(times, q);
            product *= q;
        }
        return (data, times, samplingFrequency / product);
    }

    /// <summary>The number of samples left after the factors: ⌈n / q⌉ per step.</summary>
    public static int Length(int samples, IReadOnlyList<int> factors)
    {
        foreach (var q in factors) samples = (samples + q - 1) / q;
        return samples;
    }

    /// <summary>
    /// Null when n samples can be decimated by the factors in turn, else why not: each step's filter
    /// needs more than <see cref="Edge"/> samples.
    /// </summary>
    public static string? TooShort(int samples, IReadOnlyList<int> factors)
    {
        for (var i = 0; i < factors.Count; i++)
        {
            if (samples <= Edge)
                return $"decimation step {i + 1} (factor {factors[i]}) gets {samples} samples; its filter needs more than {Edge}";
            samples = (samples + factors[i] - 1) / factors[i];
        }
        return null;
    }

    internal static void CheckFactors(IReadOnlyList<int> factors)
    {
        for (var i = 0; i < factors.Count; i++)
            if (factors[i] < 1)
                throw new ArgumentException($"decimation factor {i} is {factors[i]}; each decimation factor must be a positive int", nameof(factors));
    }

    private static double[] EveryQth(double[] y, int q)
    {
        var out_ = new double[(y.Length + q - 1) / q];
        for (var i = 0; i < out_.Length; i++) out_[i] = y[i * q];
        return out_;
    }

    /// <summary>
    /// scipy's sosfilt_zi: per section, lfilter_zi (the state a unit step leaves, from (I − Aᵀ) zi = B) times the
    /// DC gain of the sections before it.
    /// </summary>
    internal static double[,] SteadyState(double[,] sos)
    {
        var sections = sos.GetLength(0);
        var zi = new double[sections, 2];
        var scale = 1.0;
        for (var s = 0; s < sections; s++)
        {
            double b0 = sos[s, 0], b1 = sos[s, 1], b2 = sos[s, 2], a0 = sos[s, 3], a1 = sos[s, 4], a2 = sos[s, 5];
            if (a0 != 1.0) { b0 /= a0; b1 /= a0; b2 /= a0; a1 /= a0; a2 /= a0; a0 = 1.0; }
            var (z0, z1) = Solve2(1.0 + a1, -1.0, a2, 1.0, b1 - a1 * b0, b2 - a2 * b0);
            zi[s, 0] = scale * z0;
            zi[s, 1] = scale * z1;
            scale *= (sos[s, 0] + sos[s, 1] + sos[s, 2]) / (sos[s, 3] + sos[s, 4] + sos[s, 5]);
        }
        return zi;
    }

    /// <summary>[[m00, m01], [m10, m11]]·x = (r0, r1) by LU with partial pivoting, as LAPACK's gesv.</summary>
    private static (double, double) Solve2(double m00, double m01, double m10, double m11, double r0, double r1)
    {
        if (Math.Abs(m10) > Math.Abs(m00))
        {
            (m00, m10) = (m10, m00);
            (m01, m11) = (m11, m01);
            (r0, r1) = (r1, r0);
        }
        var l = m10 * (1.0 / m00);
        var u11 = m11 - l * m01;
        var y1 = r1 - l * r0;
        var x1 = y1 / u11;
        var x0 = (r0 - x1 * m01) / m00;
        return (x0, x1);
    }

    private static void Scale(double[,] zi, double x0, double[,] state)
    {
        for (var s = 0; s < zi.GetLength(0); s++)
        {
            state[s, 0] = zi[s, 0] * x0;
            state[s, 1] = zi[s, 1] * x0;
        }
    }

    /// <summary>scipy's sosfilt in place: each section in direct form II transposed, a0 = 1.</summary>
    private static void Filter(double[,] sos, double[] x, double[,] state)
    {
        var sections = sos.GetLength(0);
        for (var i = 0; i < x.Length; i++)
        {
            var cur = x[i];
            for (var s = 0; s < sections; s++)
            {
                var next = sos[s, 0] * cur + state[s, 0];
                state[s, 0] = sos[s, 1] * cur - sos[s, 4] * next + state[s, 1];
                state[s, 1] = sos[s, 2] * cur - sos[s, 5] * next;
                cur = next;
            }
            x[i] = cur;
        }
    }

    /// <summary>numpy's poly: the coefficients of Π(x − rᵢ), highest power first, one root at a time.</summary>
    private static Complex[] Poly(Complex[] roots)
    {
        var a = new Complex[] { Complex.One };
        foreach (var r in roots)
        {
            var next = new Complex[a.Length + 1];
            var minus = -r;
            next[0] = a[0];
            for (var j = 1; j < a.Length; j++) next[j] = a[j] + Mul(a[j - 1], minus);
            next[a.Length] = Mul(a[^1], minus);
            a = next;
        }
        return a;
    }

    private static Complex Mul(Complex x, Complex y) =>
        new(x.Real * y.Real - x.Imaginary * y.Imaginary, x.Real * y.Imaginary + x.Imaginary * y.Real);

    /// <summary>Complex division by Smith's method, as numpy divides.</summary>
    private static Complex Div(Complex x, Complex y)
    {
        double ar = x.Real, ai = x.Imaginary, br = y.Real, bi = y.Imaginary;
        if (Math.Abs(br) >= Math.Abs(bi))
        {
            var rat = bi / br;
            var scl = 1.0 / (br + bi * rat);
            return new Complex((ar + ai * rat) * scl, (ai - ar * rat) * scl);
        }
        else
        {
            var rat = br / bi;
            var scl = 1.0 / (bi + br * rat);
            return new Complex((ar * rat + ai) * scl, (ai * rat - ar) * scl);
        }
    }
}
