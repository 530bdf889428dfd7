namespace Hnn.Biophysics.Random;

/// <summary>
/// numpy's <c>SeedSequence(seed)</c> for a non-negative integer seed (docs/dev/drives.md §11.2):
/// a 4-word entropy pool mixed with hashmix, from which generator state words are drawn.
/// </summary>
internal sealed class SeedSequence
{
    private const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
    private const int PoolSize = 4;
    private readonly uint[] _pool = new uint[PoolSize];

    public SeedSequence(System.Numerics.BigInteger seed)
    {
        if (seed.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                $"seed = {seed} is invalid: expected non-negative integer.");
        var entropy = new List<uint>();
        var rest = seed;
        do
        {
            entropy.Add((uint)(rest & uint.MaxValue));
            rest >>= 32;
        } while (rest > 0);
        MixEntropy(entropy);
    }

    private void MixEntropy(List<uint> entropy)
    {
        var hashConst = InitA;
        uint Hash(uint value)
        {
            value ^= hashConst;
            hashConst *= MultA;
            value *= hashConst;
            value ^= value >> 16;
            return value;
        }
        static uint Mix(uint x, uint y)
        {
            var r = MixMultL * x - MixMultR * y;
            return r ^ (r >> 16);
        }
        for (var i = 0; i < PoolSize; i++)
            _pool[i] = Hash(i < entropy.Count ? entropy[i] : 0u);
        for (var src = 0; src < PoolSize; src++)
            for (var dst = 0; dst < PoolSize; dst++)
                if (src != dst)
                    _pool[dst] = Mix(_pool[dst], Hash(_pool[src]));
        for (var src = PoolSize; src < entropy.Count; src++)
            for (var dst = 0; dst < PoolSize; dst++)
                _pool[dst] = Mix(_pool[dst], Hash(entropy[src]));
    }

    /// <summary><c>generate_state(n, uint32)</c>.</summary>
    public uint[] GenerateState32(int words)
    {
        var output = new uint[words];
        var hashConst = InitB;
        for (var i = 0; i < words; i++)
        {
            var v = _pool[i % PoolSize];
            v ^= hashConst;
            hashConst *= MultB;
            v *= hashConst;
            v ^= v >> 16;
            output[i] = v;
        }
        return output;
    }

    /// <summary><c>generate_state(n, uint64)</c>: pairs of 32-bit words, low word first.</summary>
    public ulong[] GenerateState64(int words)
    {
        var w = GenerateState32(2 * words);
        var output = new ulong[words];
        for (var k = 0; k < words; k++) output[k] = w[2 * k] | ((ulong)w[2 * k + 1] << 32);
        return output;
    }
}
