namespace Hnn.Biophysics.Analysis;

/// <summary>The optional "name" of a dipole summary, which suffixes its column names.</summary>
internal static class SummaryLabel
{
    public const string Allowed = "1 to 40 letters, digits or underscores";

    public static bool IsValid(string name) =>
        name.Length is >= 1 and <= 40 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    public static string Column(string column, string? label) => label is null ? column : $"{column}_{label}";
}
