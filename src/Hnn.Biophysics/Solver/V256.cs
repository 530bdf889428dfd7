using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hnn.Biophysics.Solver;

/// <summary>4 doubles in a Vector256: the avx2 path (AVX2 + FMA; table lookups use x86 intrinsics).</summary>
internal readonly unsafe struct V256(Vector256<double> x) : IVec<V256>
{
    public readonly Vector256<double> X = x;

    public static int Count => 4;
    public double this[int lane] => X.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Load(double[] a, int i) => new(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Load(double* p) => new(Vector256.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(double[] a, int i) => X.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Create(double x) => new(Vector256.Create(x));

    public static V256 Zero => new(Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator +(V256 a, V256 b) => new(a.X + b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 a, V256 b) => new(a.X - b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator *(V256 a, V256 b) => new(a.X * b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator /(V256 a, V256 b) => new(a.X / b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 a) => new(-a.X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Fma(V256 a, V256 b, V256 c) => new(Vector256.FusedMultiplyAdd(a.X, b.X, c.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 AtLeast(V256 x, V256 lo) => new(Avx.Max(x.X, lo.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Clamp(V256 x, V256 lo, V256 hi) => new(Avx.Min(Avx.Max(x.X, lo.X), hi.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Round(V256 x) => new(Avx.RoundToNearestInteger(x.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 ShiftIntoExponent(V256 biased) => new(Vector256.ShiftLeft(biased.X.AsInt64(), 52).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 ExponentField(V256 x) =>
        new((Vector256.ShiftRightLogical(x.X.AsInt64(), 52) | Vector256.Create(0x4330000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Mantissa(V256 x) =>
        new(((x.X.AsInt64() & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 SelectGreater(V256 a, V256 b, V256 ifTrue, V256 ifFalse) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(a.X, b.X), ifTrue.X, ifFalse.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyAtMostZero(V256 x) => Vector256.LessThanOrEqualAny(x.X, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V256 Locate(V256 xi, double n, ref LaneOffsets offsets)
    {
        // Avx.Max returns its second operand when either is NaN, so NaN lands on entry 0.
        var x = Avx.Min(Avx.Max(xi.X, Vector256<double>.Zero), Vector256.Create(n));
        var i = Avx.ConvertToVector128Int32WithTruncation(x);
        Unsafe.WriteUnaligned(ref Unsafe.As<LaneOffsets, byte>(ref offsets), i + i);
        return new(x - Avx.ConvertToVector256Double(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPairs(double* p, ref readonly LaneOffsets o, out V256 first, out V256 second)
    {
        // (lo0, hi0, lo2, hi2) and (lo1, hi1, lo3, hi3): unpacking per 128-bit half yields
        // (lo0, lo1, lo2, lo3) and (hi0, hi1, hi2, hi3) without a permute (lo: the first of a pair, hi: the second).
        var a = Vector256.Create(Sse2.LoadVector128(p + o.I0), Sse2.LoadVector128(p + o.I2));
        var b = Vector256.Create(Sse2.LoadVector128(p + o.I1), Sse2.LoadVector128(p + o.I3));
        first = new(Avx.UnpackLow(a, b));
        second = new(Avx.UnpackHigh(a, b));
    }
}
