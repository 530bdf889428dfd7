using System.Text;
using Hnn.Biophysics.Recording;

namespace Hnn.Host.Files;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one (a table, a
/// spike file, a PNG): the content goes to a temporary file in the same folder, is flushed to
/// disk, and is then renamed over the target. A target that exists and is not a regular file
/// (/dev/null, /dev/stdout, /dev/full, a FIFO) is written in place instead: renaming over it would
/// replace the device. Any failure, the final flush included, is an <see cref="IOException"/>
/// naming the file.
/// </summary>
internal static class AtomicFile
{
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            write(writer);
        });

    public static void WriteBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"output folder '{dir}' does not exist");
        if (Directory.Exists(full))
            throw new IOException($"'{path}' is a folder; allowed: a file name");
        if (File.Exists(full) && (InputFile.KindOf(full) ?? (full.StartsWith("/dev/", StringComparison.Ordinal) ? "a device" : null)) is { } kind && kind != "a regular file")
        {
            Failing(path, () =>
            {
                using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
                write(device);
                device.Flush();
            });
            return;
        }
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Failing(path, () =>
            {
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
                write(stream);
                stream.Flush(flushToDisk: true);
            });
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    // Disk full, quota, a device that refuses the bytes: say which file.
    private static void Failing(string path, Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new IOException($"writing '{path}' failed: {e.Message}", e);
        }
    }
}
