using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hnn.Host.Serve;

/// <summary>
/// With an API key configured, every request to /api, /metrics and /openapi must carry it, in the
/// header <c>X-Api-Key</c> or the query <c>api_key</c> (a browser's EventSource cannot set headers);
/// anything else is 401. Keys are compared in constant time (their SHA-256 hashes). The page and
/// /healthz need no key.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ServeOptions options)
{
    public const string Header = "X-Api-Key";
    private readonly byte[]? _key = options.ApiKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));

    public Task InvokeAsync(HttpContext context)
    {
        if (_key is null || !Protected(context.Request.Path)) return next(context);
        string? given = context.Request.Headers[Header];
        if (string.IsNullOrEmpty(given)) given = context.Request.Query["api_key"];
        if (!string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(_key, SHA256.HashData(Encoding.UTF8.GetBytes(given))))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new { error = string.IsNullOrEmpty(given)
            ? $"this server needs an API key: send it in the {Header} header or the api_key query parameter"
            : "the API key is wrong" });
    }

    private static bool Protected(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi");
}
