using System.Globalization;

namespace Hnn.Biophysics.Network;

/// <summary>
/// Builds the argument errors of the public API. Every message names the argument, shows the
/// bad value and says what is allowed; where HNN-core has its own wording (docs/dev/api.md,
/// docs/dev/drives.md) that wording is kept as the reason so users recognise it.
/// </summary>
internal static class Invalid
{
    public static ArgumentException Argument(string argument, object? value, string reason, string allowed) =>
        new($"{argument} = {Show(value)} is invalid: {reason}. Allowed: {allowed}.", argument);

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IDictionary d => "{" + string.Join(", ",
            d.Keys.Cast<object>().Select(k => Show(k))) + "}",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };

    public static string List(IEnumerable<string> items) => string.Join(", ", items.Select(i => $"'{i}'"));
}
