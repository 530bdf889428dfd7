using System.Text;
using System.Text.RegularExpressions;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// Shell-style patterns as Python's fnmatch reads them on Linux (case-sensitive): '*' any run,
/// '?' one character, '[abc]' / '[!abc]' a set; everything else literal.
/// </summary>
internal static class Wildcard
{
    public static bool HasWildcard(string pattern) => pattern.IndexOfAny(['*', '?', '[']) >= 0;

    public static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + (i + 1 < pattern.Length && pattern[i + 1] is '!' or ']' ? 2 : 1));
                    if (close < 0) { sb.Append(@"\["); break; }   // an unclosed '[' is literal
                    var set = pattern[(i + 1)..close];
                    var negate = set.StartsWith('!');
                    if (negate) set = set[1..];
                    sb.Append('[').Append(negate ? "^" : "").Append(set.Replace(@"\", @"\\").Replace("[", @"\[")).Append(']');
                    i = close;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
