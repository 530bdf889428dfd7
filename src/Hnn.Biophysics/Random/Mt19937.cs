namespace Hnn.Biophysics.Random;

/// <summary>
/// The Mersenne Twister MT19937 bit generator with numpy's seeding (docs/dev/drives.md §11.1).
/// All arithmetic is uint32 with wrap-around, exactly as in numpy's mt19937.c.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _pos;

    /// <summary>init_genrand: the seeding numpy's legacy RandomState uses for an integer seed.</summary>
    public Mt19937(uint seed) => InitGenrand(seed);

    /// <summary>init_by_array: numpy's legacy seeding for an array of uint32 words.</summary>
    public Mt19937(ReadOnlySpan<uint> key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        var k = Math.Max(N, key.Length);
        for (; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;
        _pos = N;
    }

    /// <summary>State word i (for tests against the published seeding vectors).</summary>
    internal uint StateWord(int i) => _mt[i];

    private void InitGenrand(uint seed)
    {
        _mt[0] = seed;
        for (var i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _pos = N;
    }

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }
        _pos = 0;
    }

    public uint NextUInt32()
    {
        if (_pos == N) Twist();
        var y = _mt[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>numpy's mt19937_next64: high word drawn first.</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary>53-bit double in [0, 1): a = 27 bits drawn first, b = 26 bits.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
