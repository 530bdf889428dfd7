namespace Hnn.Biophysics.Random;

/// <summary>
/// The parts of numpy's <c>np.random.default_rng(seed)</c> (a PCG64 <c>Generator</c>) that
/// HNN-core's connection-probability sampling uses: unbiased bounded integers (Lemire) and
/// <c>choice(N, k, replace=False)</c> (docs/dev/drives.md §11.2, docs/dev/network.md §8).
/// </summary>
internal sealed class DefaultRng
{
    private readonly Pcg64 _bits;

    public DefaultRng(long seed)
    {
        if (seed < 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                $"conn_seed = {seed} is invalid: expected non-negative integer.");
        _bits = new Pcg64(seed);
    }

    internal Pcg64 Bits => _bits;

    /// <summary>random_bounded_uint64(off = 0, rng = <paramref name="max"/>, use_masked = false): uniform on [0, max].</summary>
    public ulong Bounded(ulong max)
    {
        if (max == 0) return 0;
        if (max <= 0xffffffffUL)
        {
            if (max == 0xffffffffUL) return _bits.NextUInt32();
            var rngExcl = (uint)max + 1u;
            var m = (ulong)_bits.NextUInt32() * rngExcl;
            var leftover = (uint)m;
            if (leftover < rngExcl)
            {
                var threshold = (uint.MaxValue - (uint)max) % rngExcl;
                while (leftover < threshold)
                {
                    m = (ulong)_bits.NextUInt32() * rngExcl;
                    leftover = (uint)m;
                }
            }
            return m >> 32;
        }
        if (max == ulong.MaxValue) return _bits.NextUInt64();
        var excl = max + 1;
        var product = (UInt128)_bits.NextUInt64() * excl;
        var left = (ulong)product;
        if (left < excl)
        {
            var threshold = (ulong.MaxValue - max) % excl;
            while (left < threshold)
            {
                product = (UInt128)_bits.NextUInt64() * excl;
                left = (ulong)product;
            }
        }
        return (ulong)(product >> 64);
    }

    /// <summary>
    /// The set chosen by <c>choice(n, k, replace=False)</c>, as a membership mask of length n.
    /// numpy shuffles the chosen indices afterwards; that shuffle does not change the set.
    /// </summary>
    public bool[] ChooseWithoutReplacement(int n, int k)
    {
        if (k < 0 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} is invalid: must be in 0 … {n}.");
        var chosen = new bool[n];
        if (n > 10000 && k > n / 50)
        {
            // Tail shuffle: the last k slots of a partial Fisher–Yates.
            var idx = new int[n];
            for (var i = 0; i < n; i++) idx[i] = i;
            for (var i = n - 1; i >= Math.Max(n - k, 1); i--)
            {
                var j = (int)Bounded((ulong)i);
                (idx[i], idx[j]) = (idx[j], idx[i]);
            }
            for (var i = n - k; i < n; i++) chosen[idx[i]] = true;
        }
        else
        {
            // Floyd's algorithm.
            for (var j = n - k; j < n; j++)
            {
                var v = (int)Bounded((ulong)j);
                if (!chosen[v]) chosen[v] = true;
                else chosen[j] = true;
            }
        }
        return chosen;
    }
}
