namespace Hnn.Biophysics;

/// <summary>
/// Lists that travel to cluster workers are kept as plain arrays: the workers' type allow-list admits
/// arrays and the project's own types, no compiler-generated collection (what <c>[a, b]</c> makes of an
/// IReadOnlyList), so the descriptions store what they are given in this form.
/// </summary>
internal static class WireForm
{
    public static T[] Array<T>(IReadOnlyList<T> items) => items as T[] ?? [.. items];
}
