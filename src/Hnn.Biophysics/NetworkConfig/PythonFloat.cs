using System.Globalization;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Python's <c>repr(float)</c> (docs/dev/io.md §5.4): the shortest digits that round-trip, written
/// positionally with at least one decimal ("39.0", "0.0005") when the decimal exponent is in
/// [-4, 16), otherwise in exponent form with a signed two-digit exponent ("4.26e-05", "1e+16").
/// </summary>
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // .NET's "E16" is not shortest; "R" is. Take its digits and exponent and lay them out as Python does.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative) r = r[1..];
        int exponent;
        string mantissa;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }
        else
        {
            exponent = 0;
            mantissa = r;
        }
        var point = mantissa.IndexOf('.');
        var intPart = point >= 0 ? mantissa[..point] : mantissa;
        var fracPart = point >= 0 ? mantissa[(point + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        // Position of the decimal point relative to the first significant digit (value = 0.d1d2… × 10^decpt).
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        var decpt = intPart.Length - leadingZeros + exponent;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string body;
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0) body = "0." + new string('0', -decpt) + digits;
            else if (decpt >= digits.Length) body = digits + new string('0', decpt - digits.Length) + ".0";
            else body = digits[..decpt] + "." + digits[decpt..];
        }
        else
        {
            var exp = decpt - 1;
            var m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = m + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return negative ? "-" + body : body;
    }
}
