using System.Security.Cryptography;
using System.Text;

namespace Hnn.Actors.Batch;

/// <summary>Job keys: lowercase hex SHA-256 of what a job runs, so a resumed batch recognises finished jobs.</summary>
internal static class BatchKeys
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
