namespace Hnn.Host.Cli;

/// <summary>Checks --host before Akka sees it: Akka reports a bad name only as a nested bind failure, or a timeout.</summary>
internal static class HostName
{
    public static string Check(string? host) =>
        host is not null && Uri.CheckHostName(host) != UriHostNameType.Unknown
            ? host
            : throw new ArgumentException($"--host '{host}' is not a hostname or IP address; allowed: a name such as localhost or node7.example.org, or an address such as 127.0.0.1");
}
