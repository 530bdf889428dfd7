namespace Hnn.Host.Files;

/// <summary>
/// The byte counterpart of <see cref="AtomicFile"/> (images): the bytes go to a temporary file
/// in the same folder, which is then renamed over the target, so a reader never sees half a PNG.
/// </summary>
internal static class AtomicBinaryFile
{
    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"output folder '{dir}' does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                stream.Write(bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
