namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// A network configuration file that cannot be used: names the file, the JSON path and says what is
/// wrong and what is allowed. A <see cref="FormatException"/>, so callers treat it like any malformed input.
/// </summary>
public sealed class NetworkConfigFileException : FormatException
{
    public NetworkConfigFileException(string sourceName, string jsonPath, string message, Exception? inner = null)
        : base($"{sourceName}: {jsonPath}: {message}", inner)
    {
        SourceName = sourceName;
        JsonPath = jsonPath;
    }

    /// <summary>The file (or the name the caller gave the text).</summary>
    public string SourceName { get; }

    /// <summary>Where in the file, e.g. <c>$.connectivity[3].nc_dict.A_weight</c>.</summary>
    public string JsonPath { get; }
}
