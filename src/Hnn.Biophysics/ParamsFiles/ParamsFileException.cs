namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// A params file (or a value in it) that cannot be used: names the file, where in it (a line or a
/// key), the bad value and what is allowed. A <see cref="FormatException"/>, like every other
/// malformed input of HnnActors.
/// </summary>
public sealed class ParamsFileException : FormatException
{
    public ParamsFileException(string source, string where, string message, Exception? inner = null)
        : base(where.Length == 0 ? $"{source}: {message}" : $"{source}: {where}: {message}", inner)
    {
        Source = source;
        Where = where;
    }

    /// <summary>The file (or the name given to <see cref="HnnParams.Parse"/>).</summary>
    public new string Source { get; }

    /// <summary>"line 12", "key 'tstop'", or empty for the whole file.</summary>
    public string Where { get; }
}
