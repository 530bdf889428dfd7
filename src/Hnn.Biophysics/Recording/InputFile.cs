using System.Runtime.InteropServices;

namespace Hnn.Biophysics.Recording;

/// <summary>
/// Opens a file a user named as input (an experiment file, a spike file) only when it is a regular
/// file no larger than a stated limit. A FIFO would block the open forever and a device such as
/// /dev/zero never ends, so both are refused before any byte is read; a file that grows past the
/// limit while it is read is refused too. Every message names the file, what it is and the limit.
/// </summary>
internal static class InputFile
{
    /// <summary>Spike files: 512 MiB is about 20 million spikes.</summary>
    public const long SpikeFileLimit = 512L << 20;

    /// <summary>Experiment files (they may hold spike times inline).</summary>
    public const long ExperimentFileLimit = 64L << 20;

    /// <summary>Throws <see cref="IOException"/> unless <paramref name="path"/> is a regular file of at most <paramref name="maxBytes"/>.</summary>
    public static void CheckRegular(string path, string what, long maxBytes)
    {
        if (Directory.Exists(path))
            throw new IOException($"{what} '{path}' is a folder, not a regular file; allowed: a regular file of at most {Show(maxBytes)}");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{what} '{path}' does not exist", path);
        if (KindOf(path) is { } kind && kind != "a regular file")
            throw new IOException($"{what} '{path}' is {kind}, not a regular file; allowed: a regular file of at most {Show(maxBytes)}");
        var size = new FileInfo(path).Length;
        if (size > maxBytes)
            throw new IOException($"{what} '{path}' is {Show(size)}, more than the limit of {Show(maxBytes)} for {what}s");
    }

    /// <summary>The lines of a checked file; throws if it grows past the limit while being read.</summary>
    public static IEnumerable<string> ReadLines(string path, string what, long maxBytes)
    {
        CheckRegular(path, what, maxBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (stream.Position > maxBytes)
                throw new IOException($"{what} '{path}' grew past the limit of {Show(maxBytes)} while it was read");
            yield return line;
        }
    }

    /// <summary>The whole text of a checked file.</summary>
    public static string ReadAllText(string path, string what, long maxBytes)
    {
        CheckRegular(path, what, maxBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new StreamReader(stream);
        var buffer = new char[64 * 1024];
        var text = new System.Text.StringBuilder();
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (stream.Position > maxBytes)
                throw new IOException($"{what} '{path}' grew past the limit of {Show(maxBytes)} while it was read");
            text.Append(buffer, 0, n);
        }
        return text.ToString();
    }

    /// <summary>"a regular file", "a FIFO (named pipe)", "a device", … or null where the kind cannot be told.</summary>
    internal static string? KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
            return File.GetAttributes(path).HasFlag(FileAttributes.Device) ? "a device" : "a regular file";
        try
        {
            // .NET's own native shim: a FileStatus struct whose second int32 is the mode (follows links).
            var status = new byte[256];
            if (Stat(path, status) != 0) return null;
            return (BitConverter.ToInt32(status, 4) & 0xF000) switch
            {
                0x8000 => "a regular file",
                0x1000 => "a FIFO (named pipe)",
                0x2000 or 0x6000 => "a device",
                0xC000 => "a socket",
                0x4000 => "a folder",
                _ => "not a regular file",
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A token from a file as an error message may show it: printable, at most 40 characters.</summary>
    internal static string Printable(string token)
    {
        var clean = new string(token.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c).ToArray());
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }

    internal static string Show(double bytes) =>
        bytes >= 1L << 40 ? FormattableString.Invariant($"{bytes / (1L << 40):G3} TiB") :
        bytes >= 1L << 30 ? FormattableString.Invariant($"{bytes / (1L << 30):0.#} GiB") :
        bytes >= 1L << 20 ? FormattableString.Invariant($"{bytes / (1L << 20):0.#} MiB") :
        bytes >= 1L << 10 ? FormattableString.Invariant($"{bytes / 1024:0.#} KiB") : FormattableString.Invariant($"{bytes} bytes");

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
