using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hnn.Biophysics.Solver;

/// <summary>8 doubles in a Vector512: the avx512 path (AVX-512 F; table lookups use x86 intrinsics).</summary>
internal readonly unsafe struct V512(Vector512<double> x) : IVec<V512>
{
    public readonly Vector512<double> X = x;

    public static int Count => 8;
    public double this[int lane] => X.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Load(double[] a, int i) => new(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Load(double* p) => new(Vector512.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(double[] a, int i) => X.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Create(double x) => new(Vector512.Create(x));

    public static V512 Zero => new(Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator +(V512 a, V512 b) => new(a.X + b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 a, V512 b) => new(a.X - b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator *(V512 a, V512 b) => new(a.X * b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator /(V512 a, V512 b) => new(a.X / b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 a) => new(-a.X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Fma(V512 a, V512 b, V512 c) => new(Vector512.FusedMultiplyAdd(a.X, b.X, c.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 AtLeast(V512 x, V512 lo) => new(Avx512F.Max(x.X, lo.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Clamp(V512 x, V512 lo, V512 hi) => new(Avx512F.Min(Avx512F.Max(x.X, lo.X), hi.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Round(V512 x) => new(Avx512F.RoundScale(x.X, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 ShiftIntoExponent(V512 biased) => new(Vector512.ShiftLeft(biased.X.AsInt64(), 52).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 ExponentField(V512 x) =>
        new((Vector512.ShiftRightLogical(x.X.AsInt64(), 52) | Vector512.Create(0x4330000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Mantissa(V512 x) =>
        new(((x.X.AsInt64() & Vector512.Create(0x000FFFFFFFFFFFFFL)) | Vector512.Create(0x3FF0000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 SelectGreater(V512 a, V512 b, V512 ifTrue, V512 ifFalse) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(a.X, b.X), ifTrue.X, ifFalse.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyAtMostZero(V512 x) => Vector512.LessThanOrEqualAny(x.X, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V512 Locate(V512 xi, double n, ref LaneOffsets offsets)
    {
        // vmaxpd returns its second operand when either is NaN, so NaN lands on entry 0.
        var x = Avx512F.Min(Avx512F.Max(xi.X, Vector512<double>.Zero), Vector512.Create(n));
        var i = Avx512F.ConvertToVector256Int32WithTruncation(x);
        Unsafe.WriteUnaligned(ref Unsafe.As<LaneOffsets, byte>(ref offsets), i + i);
        return new(x - Avx512F.ConvertToVector512Double(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPairs(double* p, ref readonly LaneOffsets o, out V512 first, out V512 second)
    {
        // Pairs 0, 2, 4, 6 and 1, 3, 5, 7 per 128-bit quarter: unpacking per quarter yields
        // (lo0 … lo7) and (hi0 … hi7) without a permute.
        var a = Vector512.Create(
            Vector256.Create(Sse2.LoadVector128(p + o.I0), Sse2.LoadVector128(p + o.I2)),
            Vector256.Create(Sse2.LoadVector128(p + o.I4), Sse2.LoadVector128(p + o.I6)));
        var b = Vector512.Create(
            Vector256.Create(Sse2.LoadVector128(p + o.I1), Sse2.LoadVector128(p + o.I3)),
            Vector256.Create(Sse2.LoadVector128(p + o.I5), Sse2.LoadVector128(p + o.I7)));
        first = new(Avx512F.UnpackLow(a, b));
        second = new(Avx512F.UnpackHigh(a, b));
    }
}
