namespace Hnn.Biophysics.Batch;

/// <summary>
/// A sweep file that cannot be expanded: one line naming the file (when known), the JSON path,
/// the parameter's path and what is allowed (docs/sweep-file.md "Errors"). Thrown before any job runs.
/// </summary>
public sealed class SweepFileException : FormatException
{
    public SweepFileException(string? file, string jsonPath, string message, Exception? inner = null)
        : base(file is null ? $"{jsonPath}: {message}" : $"{file}: {jsonPath}: {message}", inner)
    {
        File = file;
        JsonPath = jsonPath;
    }

    /// <summary>The sweep file as named by the caller; null when the sweep came from text.</summary>
    public string? File { get; }

    /// <summary>Where in the sweep file, e.g. <c>$.parameters[1].range.num</c>.</summary>
    public string JsonPath { get; }

    internal SweepFileException InFile(string file) =>
        File is null ? new SweepFileException(file, JsonPath, Message[(JsonPath.Length + 2)..], InnerException) : this;
}
