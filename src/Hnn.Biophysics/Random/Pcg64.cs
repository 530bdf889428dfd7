namespace Hnn.Biophysics.Random;

/// <summary>
/// numpy's PCG64 bit generator (XSL-RR 128/64) seeded through <see cref="SeedSequence"/>,
/// as <c>np.random.default_rng(seed)</c> builds it (docs/dev/drives.md §11.2).
/// </summary>
internal sealed class Pcg64
{
    private static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);
    private UInt128 _state;
    private readonly UInt128 _inc;
    private bool _hasUInt32;
    private uint _uinteger;

    public Pcg64(System.Numerics.BigInteger seed)
    {
        var s = new SeedSequence(seed).GenerateState64(4);
        var initState = new UInt128(s[0], s[1]);
        var initSeq = new UInt128(s[2], s[3]);
        _inc = (initSeq << 1) | UInt128.One;
        _state = UInt128.Zero;
        Step();
        _state += initState;
        Step();
    }

    internal UInt128 State => _state;
    internal UInt128 Increment => _inc;

    private void Step() => _state = unchecked(_state * Multiplier + _inc);

    public ulong NextUInt64()
    {
        Step();
        var hi = (ulong)(_state >> 64);
        var lo = (ulong)_state;
        var rot = (int)(_state >> 122);
        return ulong.RotateRight(hi ^ lo, rot);
    }

    /// <summary>Buffered: each 64-bit draw yields its low half first, then its high half.</summary>
    public uint NextUInt32()
    {
        if (_hasUInt32)
        {
            _hasUInt32 = false;
            return _uinteger;
        }
        var n = NextUInt64();
        _hasUInt32 = true;
        _uinteger = (uint)(n >> 32);
        return (uint)n;
    }
}
