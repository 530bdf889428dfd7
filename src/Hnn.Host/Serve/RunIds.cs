using System.Security.Cryptography;

namespace Hnn.Host.Serve;

/// <summary>
/// Run ids: 16 characters of lower-case Crockford base32 — 48 bits of milliseconds since 1970, then
/// 32 random bits — so ids sort by creation, fit a URL and a folder name, and never collide in practice.
/// </summary>
internal static class RunIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New()
    {
        var ms = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var random = (ulong)(uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        Span<char> text = stackalloc char[16];
        var high = ms << 2 | random >> 30;              // 50 bits: 10 characters
        var low = random & ((1UL << 30) - 1);            // 30 bits: 6 characters
        for (var i = 9; i >= 0; i--, high >>= 5) text[i] = Alphabet[(int)(high & 31)];
        for (var i = 15; i >= 10; i--, low >>= 5) text[i] = Alphabet[(int)(low & 31)];
        return new string(text);
    }

    /// <summary>Whether <paramref name="id"/> can be an id (only then is it used to name a folder).</summary>
    public static bool IsWellFormed(string id) => id.Length == 16 && id.All(c => Alphabet.Contains(c));
}
