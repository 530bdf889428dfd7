namespace Hnn.Biophysics.Fitting;

/// <summary>
/// A fit file that cannot be used: one line naming the file (when known), the JSON path and what
/// is allowed (docs/fit-file.md "Errors"). Thrown before any simulation runs.
/// </summary>
public sealed class FitFileException : FormatException
{
    public FitFileException(string? file, string jsonPath, string message, Exception? inner = null)
        : base(file is null ? $"{jsonPath}: {message}" : $"{file}: {jsonPath}: {message}", inner)
    {
        File = file;
        JsonPath = jsonPath;
    }

    /// <summary>The fit file as named by the caller; null when the fit came from text.</summary>
    public string? File { get; }

    /// <summary>Where in the fit file, e.g. <c>$.parameters[1].bounds</c>.</summary>
    public string JsonPath { get; }

    internal string Reason => Message[((File is null ? 0 : File.Length + 2) + JsonPath.Length + 2)..];

    internal FitFileException InFile(string file) =>
        File is null ? new FitFileException(file, JsonPath, Reason, InnerException) : this;
}
