using System.Text;

namespace Hnn.Host.Files;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one (a table, a
/// spike file, a PNG): the content goes to a temporary file in the same folder, which is then
/// renamed over the target.
/// </summary>
internal static class AtomicFile
{
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            write(writer);
        });

    public static void WriteBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"output folder '{dir}' does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
