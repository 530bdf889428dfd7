namespace Hnn.Host.Files;

/// <summary>RFC 4180 quoting of one CSV field: a field holding a comma, a double quote or a line break is put in double quotes, its quotes doubled.</summary>
internal static class CsvField
{
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
