using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hnn.Biophysics.Solver;

/// <summary>The vector width the cell kernels run at (docs/dev/kernels.md §2).</summary>
internal enum SimdPath
{
    /// <summary>Vector128, 2 doubles, cross-platform operations only: what ARM64 (AdvSimd) runs.</summary>
    Portable,

    /// <summary>Vector256, 4 doubles, x86 AVX2 + FMA.</summary>
    Avx2,

    /// <summary>Vector512, 8 doubles, x86 AVX-512 F.</summary>
    Avx512,
}

/// <summary>
/// Which path this CPU can run and which one a population gets: the widest the CPU accelerates,
/// or the one named by the environment variable HNN_SIMD (avx512, avx2 or portable).
/// </summary>
internal static class SimdPaths
{
    public const string Variable = "HNN_SIMD";

    private static readonly Lazy<SimdPath> Chosen = new(() => Choose(Environment.GetEnvironmentVariable(Variable)));

    /// <summary>The path of every population built without an explicit one; reads HNN_SIMD once.</summary>
    public static SimdPath Default => Chosen.Value;

    public static string Name(this SimdPath path) => path switch
    {
        SimdPath.Avx512 => "avx512",
        SimdPath.Avx2 => "avx2",
        _ => "portable",
    };

    /// <summary>Doubles per vector.</summary>
    public static int Width(this SimdPath path) => path switch
    {
        SimdPath.Avx512 => 8,
        SimdPath.Avx2 => 4,
        _ => 2,
    };

    public static bool IsSupported(this SimdPath path) => path switch
    {
        SimdPath.Avx512 => Avx512F.IsSupported,
        SimdPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };

    /// <summary>The paths this CPU runs, widest first.</summary>
    public static IReadOnlyList<SimdPath> Available { get; } =
        [.. new[] { SimdPath.Avx512, SimdPath.Avx2, SimdPath.Portable }.Where(IsSupported)];

    /// <summary>The widest path the CPU accelerates (Vector512 only where the runtime prefers it).</summary>
    public static SimdPath Best =>
        Vector512.IsHardwareAccelerated && SimdPath.Avx512.IsSupported() ? SimdPath.Avx512
        : SimdPath.Avx2.IsSupported() ? SimdPath.Avx2
        : SimdPath.Portable;

    /// <summary>The path for a value of HNN_SIMD (null or empty: <see cref="Best"/>); throws naming a bad or unsupported value.</summary>
    public static SimdPath Choose(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Best;
        SimdPath path = value.Trim().ToLowerInvariant() switch
        {
            "avx512" => SimdPath.Avx512,
            "avx2" => SimdPath.Avx2,
            "portable" => SimdPath.Portable,
            _ => throw new ArgumentException($"{Variable}={value} is not a kernel path; allowed: avx512, avx2, portable (or unset for the widest this CPU runs)"),
        };
        Require(path, $"{Variable}={value}");
        return path;
    }

    /// <summary>Throws unless the CPU runs <paramref name="path"/>, naming the paths it does run.</summary>
    public static void Require(SimdPath path, string what)
    {
        if (!path.IsSupported())
            throw new ArgumentException(
                $"{what}: this CPU lacks {(path == SimdPath.Avx512 ? "AVX-512 F" : "AVX2 and FMA")}; available here: {string.Join(", ", Available.Select(Name))}");
    }
}
