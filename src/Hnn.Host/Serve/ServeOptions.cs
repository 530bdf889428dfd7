using System.Net;
using Microsoft.Extensions.Configuration;

namespace Hnn.Host.Serve;

/// <summary>
/// What `hnn serve` is set up with: from configuration (section <c>Hnn:Serve</c> of appsettings.json or
/// environment variables such as <c>Hnn__Serve__ApiKey</c>), then the command line's options on top.
/// </summary>
internal sealed record ServeOptions
{
    public const string Section = "Hnn:Serve";

    public string Urls { get; init; } = "http://127.0.0.1:8080";
    public string DataDirectory { get; init; } = "hnn-data";
    public string? ApiKey { get; init; }
    public int MaxConcurrent { get; init; } = 1;
    public int MaxCells { get; init; } = 5000;
    public double MaxTstop { get; init; } = 2000;
    public int MaxTrials { get; init; } = 50;
    public int MaxJobs { get; init; } = 500;
    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>The options configuration gives (keys Urls, Data, ApiKey, MaxConcurrent, MaxCells, MaxTstop, MaxTrials, MaxJobs, MaxBodyBytes).</summary>
    public static ServeOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var d = new ServeOptions();
        return new ServeOptions
        {
            Urls = s["Urls"] ?? d.Urls,
            DataDirectory = s["Data"] ?? d.DataDirectory,
            ApiKey = string.IsNullOrEmpty(s["ApiKey"]) ? null : s["ApiKey"],
            MaxConcurrent = s.GetValue("MaxConcurrent", d.MaxConcurrent),
            MaxCells = s.GetValue("MaxCells", d.MaxCells),
            MaxTstop = s.GetValue("MaxTstop", d.MaxTstop),
            MaxTrials = s.GetValue("MaxTrials", d.MaxTrials),
            MaxJobs = s.GetValue("MaxJobs", d.MaxJobs),
            MaxBodyBytes = s.GetValue("MaxBodyBytes", d.MaxBodyBytes),
        };
    }

    /// <summary>Refuses bad values, and a binding beyond loopback without an API key, before anything starts.</summary>
    public void Validate()
    {
        Positive("--max-concurrent", MaxConcurrent);
        Positive("--max-cells", MaxCells);
        Positive("--max-trials", MaxTrials);
        Positive("--max-jobs", MaxJobs);
        Positive("--max-body-bytes", MaxBodyBytes);
        if (!(MaxTstop > 0) || !double.IsFinite(MaxTstop)) throw new ArgumentException($"--max-tstop must be a positive number of ms, got {MaxTstop}");
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("--data must name a folder, got an empty value");
        if (ApiKey is { Length: < 16 }) throw new ArgumentException($"--api-key must have at least 16 characters, got {ApiKey.Length}");
        foreach (var url in UrlList)
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException($"--urls '{url}' is not an http:// or https:// address such as http://127.0.0.1:8080");
            if (ApiKey is null && !IsLoopback(uri.Host))
                throw new ArgumentException($"--urls '{url}' listens beyond this machine (host '{uri.Host}') without an API key; give one with --api-key " +
                                            "(or Hnn:Serve:ApiKey), or bind to 127.0.0.1");
        }
    }

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static void Positive(string name, long value)
    {
        if (value < 1) throw new ArgumentException($"{name} must be ≥ 1, got {value}");
    }
}
