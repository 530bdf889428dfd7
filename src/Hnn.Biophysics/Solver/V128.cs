using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// 2 doubles in a Vector128: the portable path. Cross-platform operations only (no x86 intrinsics),
/// so ARM64 runs it on AdvSimd; on x86 it is SSE/AVX-128.
/// </summary>
internal readonly unsafe struct V128(Vector128<double> x) : IVec<V128>
{
    public readonly Vector128<double> X = x;

    public static int Count => 2;
    public double this[int lane] => X.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load(double[] a, int i) => new(Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load(double* p) => new(Vector128.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(double[] a, int i) => X.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Create(double x) => new(Vector128.Create(x));

    public static V128 Zero => new(Vector128<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator +(V128 a, V128 b) => new(a.X + b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 a, V128 b) => new(a.X - b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator *(V128 a, V128 b) => new(a.X * b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator /(V128 a, V128 b) => new(a.X / b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 a) => new(-a.X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Fma(V128 a, V128 b, V128 c) => new(Vector128.FusedMultiplyAdd(a.X, b.X, c.X));

    // Compare-and-select, so that NaN gives lo as x86's max/min do (ARM's fmax would keep the NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 AtLeast(V128 x, V128 lo) => new(Vector128.ConditionalSelect(Vector128.GreaterThan(x.X, lo.X), x.X, lo.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Clamp(V128 x, V128 lo, V128 hi)
    {
        var y = Vector128.ConditionalSelect(Vector128.GreaterThan(x.X, lo.X), x.X, lo.X);
        return new(Vector128.ConditionalSelect(Vector128.LessThan(y, hi.X), y, hi.X));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Round(V128 x) => new(Vector128.Round(x.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ShiftIntoExponent(V128 biased) => new(Vector128.ShiftLeft(biased.X.AsInt64(), 52).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ExponentField(V128 x) =>
        new((Vector128.ShiftRightLogical(x.X.AsInt64(), 52) | Vector128.Create(0x4330000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Mantissa(V128 x) =>
        new(((x.X.AsInt64() & Vector128.Create(0x000FFFFFFFFFFFFFL)) | Vector128.Create(0x3FF0000000000000L)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 SelectGreater(V128 a, V128 b, V128 ifTrue, V128 ifFalse) =>
        new(Vector128.ConditionalSelect(Vector128.GreaterThan(a.X, b.X), ifTrue.X, ifFalse.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyAtMostZero(V128 x) => Vector128.LessThanOrEqualAny(x.X, Vector128<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Locate(V128 xi, double n, ref LaneOffsets offsets)
    {
        // Compare-and-select: NaN fails "> 0" and lands on entry 0, as on the x86 paths.
        var zero = Vector128<double>.Zero;
        var x = Vector128.ConditionalSelect(Vector128.GreaterThan(xi.X, zero), xi.X, zero);
        var top = Vector128.Create(n);
        x = Vector128.ConditionalSelect(Vector128.LessThan(x, top), x, top);
        // x ≥ 0, so ⌊x⌋ is the truncation the x86 paths take.
        var f = Vector128.Floor(x);
        offsets.I0 = 2 * (int)f.GetElement(0);
        offsets.I1 = 2 * (int)f.GetElement(1);
        return new(x - f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPairs(double* p, ref readonly LaneOffsets o, out V128 first, out V128 second)
    {
        var a = Vector128.Load(p + o.I0);
        var b = Vector128.Load(p + o.I1);
        first = new(Vector128.Create(a.GetElement(0), b.GetElement(0)));
        second = new(Vector128.Create(a.GetElement(1), b.GetElement(1)));
    }
}
