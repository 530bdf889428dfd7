namespace Hnn.Biophysics.Experiment;

/// <summary>
/// An experiment file that cannot be used: names the JSON path and says what is wrong and what is
/// allowed. A <see cref="FormatException"/>, so callers treat it like any malformed input.
/// </summary>
public sealed class ExperimentFileException : FormatException
{
    public ExperimentFileException(string jsonPath, string message, Exception? inner = null)
        : base($"{jsonPath}: {message}", inner) => JsonPath = jsonPath;

    /// <summary>Where in the file, e.g. <c>$.drives[1].sigma</c>.</summary>
    public string JsonPath { get; }
}
