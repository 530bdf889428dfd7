namespace Hnn.Biophysics.Random;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c>, bit for bit (docs/dev/drives.md §11.1): MT19937,
/// 53-bit doubles, the polar-method gauss with its cached second value, and the legacy
/// exponential, uniform, poisson and integer draws. HNN-core draws every drive event time
/// from one of these, so identical seeds give identical event times.
/// </summary>
public sealed class RandomState
{
    private readonly Mt19937 _mt;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Seeds like <c>RandomState(seed)</c> for an integer seed in [0, 2³²−1].</summary>
    public RandomState(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                $"seed = {seed} is invalid: Seed must be between 0 and 2**32 - 1 (allowed: 0 … 4294967295).");
        _mt = new Mt19937((uint)seed);
    }

    /// <summary>Seeds like <c>RandomState(array_of_uint32)</c> (init_by_array).</summary>
    public RandomState(ReadOnlySpan<uint> key)
    {
        if (key.Length == 0)
            throw new ArgumentException("key is invalid: an array seed must have at least one element.", nameof(key));
        _mt = new Mt19937(key);
    }

    internal uint StateWord(int i) => _mt.StateWord(i);

    /// <summary>One raw 32-bit output (what <c>randint(0, 2**32, dtype=uint32)</c> returns).</summary>
    public uint NextUInt32() => _mt.NextUInt32();

    /// <summary><c>random_sample()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double RandomSample() => _mt.NextDouble();

    /// <summary>
    /// legacy_gauss: Marsaglia's polar method; the second value of each pair is cached and
    /// returned by the next call (docs/dev/drives.md §11.1).
    /// </summary>
    public double StandardNormal()
    {
        if (_hasGauss)
        {
            var cached = _gauss;
            _hasGauss = false;
            _gauss = 0.0;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * _mt.NextDouble() - 1.0;
            x2 = 2.0 * _mt.NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        // Evaluated exactly as numpy writes it: (-2.0*log(r2))/r2.
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary><c>normal(loc, scale)</c> = loc + scale·gauss (a gauss is drawn even for scale 0).</summary>
    public double Normal(double loc, double scale)
    {
        if (scale < 0)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale = {scale} is invalid: must be >= 0.");
        return loc + scale * StandardNormal();
    }

    /// <summary><c>normal(loc, scale, size=n)</c>: element by element, sharing the gauss cache.</summary>
    public double[] Normal(double loc, double scale, int size)
    {
        var values = new double[size];
        for (var i = 0; i < size; i++) values[i] = Normal(loc, scale);
        return values;
    }

    /// <summary>legacy_standard_exponential: −log(1 − u).</summary>
    public double StandardExponential() => -Math.Log(1.0 - _mt.NextDouble());

    /// <summary><c>exponential(scale)</c> = scale · (−log(1 − u)).</summary>
    public double Exponential(double scale)
    {
        if (scale < 0)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale = {scale} is invalid: must be >= 0.");
        return scale * StandardExponential();
    }

    /// <summary><c>uniform(low, high)</c> = low + (high − low)·u.</summary>
    public double Uniform(double low, double high) => low + (high - low) * _mt.NextDouble();

    /// <summary>
    /// <c>randint(low, high)</c> (int64): numpy's masked rejection sampling on [low, high).
    /// </summary>
    public long RandInt(long low, long high)
    {
        if (high <= low)
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high = {high} is invalid: must be > low ({low}).");
        var range = (ulong)(high - 1 - low);
        return low + (long)MaskedBounded(range);
    }

    /// <summary>legacy random_interval(max): uniform on [0, max] by masking and rejection.</summary>
    internal ulong Interval(ulong max) => MaskedBounded(max);

    private ulong MaskedBounded(ulong max)
    {
        if (max == 0) return 0;
        var mask = max;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4;
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32;
        ulong value;
        if (max <= 0xffffffffUL)
        {
            if (max == 0xffffffffUL) return _mt.NextUInt32();
            while ((value = _mt.NextUInt32() & mask) > max) { }
        }
        else
        {
            if (max == ulong.MaxValue) return _mt.NextUInt64();
            while ((value = _mt.NextUInt64() & mask) > max) { }
        }
        return value;
    }

    /// <summary>Legacy <c>permutation(n)</c>: Fisher–Yates from the top with random_interval.</summary>
    public int[] Permutation(int n)
    {
        var idx = new int[n];
        for (var i = 0; i < n; i++) idx[i] = i;
        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)Interval((ulong)i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        return idx;
    }

    /// <summary>
    /// Legacy <c>choice(n, size, replace)</c> without weights: with replacement = randint(0, n)
    /// per draw; without = the first <paramref name="size"/> entries of permutation(n).
    /// </summary>
    public int[] Choice(int n, int size, bool replace = true)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"n = {n} is invalid: a must be greater than 0.");
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"size = {size} is invalid: must be >= 0.");
        if (replace)
        {
            var draws = new int[size];
            for (var i = 0; i < size; i++) draws[i] = (int)RandInt(0, n);
            return draws;
        }
        if (size > n)
            throw new ArgumentOutOfRangeException(nameof(size), size,
                $"size = {size} is invalid: Cannot take a larger sample than population when 'replace=False' (population {n}).");
        return Permutation(n)[..size];
    }

    /// <summary>
    /// Legacy <c>poisson(lam)</c>: multiplication method below 10, PTRS (Hörmann) from 10 on,
    /// as numpy's random_poisson. Not used by any HNN-core drive (docs/dev/drives.md §11.1).
    /// </summary>
    public long Poisson(double lam)
    {
        if (!(lam >= 0) || lam > 9.223372006484771e18)
            throw new ArgumentOutOfRangeException(nameof(lam), lam, $"lam = {lam} is invalid: must be >= 0 and not too large.");
        if (lam >= 10) return PoissonPtrs(lam);
        if (lam == 0) return 0;
        var enlam = Math.Exp(-lam);
        long x = 0;
        var prod = 1.0;
        while (true)
        {
            prod *= _mt.NextDouble();
            if (prod > enlam) x++;
            else return x;
        }
    }

    private long PoissonPtrs(double lam)
    {
        var slam = Math.Sqrt(lam);
        var loglam = Math.Log(lam);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invalpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = _mt.NextDouble() - 0.5;
            var v = _mt.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = (long)Math.Floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -lam + k * loglam - LogGamma(k + 1))
                return k;
        }
    }

    // numpy's random_loggam: Stirling series with recursion below 7.
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> a =
        [
            8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
            8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
            1.796443723688307e-01, -1.39243221690590e+00,
        ];
        if (x == 1.0 || x == 2.0) return 0.0;
        var n = x < 7.0 ? (long)(7 - x) : 0;
        var x0 = x + n;
        var x2 = 1.0 / x0 * (1.0 / x0);
        const double lg2pi = 1.8378770664093453e+00;
        var gl0 = a[9];
        for (var k = 8; k >= 0; k--) { gl0 *= x2; gl0 += a[k]; }
        var gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * Math.Log(x0) - x0;
        if (x < 7.0)
            for (long k = 1; k <= n; k++) { gl -= Math.Log(x0 - 1.0); x0 -= 1.0; }
        return gl;
    }
}
