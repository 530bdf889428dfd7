using System.Runtime.InteropServices;

namespace Hnn.Host.Files;

/// <summary>
/// Puts a whole folder of outputs in place at once: the files are written into a temporary folder
/// beside the target (<c>.NAME.hnn-tmp-…</c>), which then replaces the target in one rename
/// (Linux: an atomic exchange with an existing folder; elsewhere two renames). A failure or a
/// crash leaves the old folder or the new one, never a mix, plus at most a temporary folder
/// whose name says what it is. An existing target is replaced as a whole: callers decide
/// beforehand whether it may be (see <see cref="RunFolder"/>).
/// </summary>
internal static class AtomicFolder
{
    public const string TempMarker = ".hnn-tmp-";

    public static void Write(string dir, Action<string> fillTempFolder)
    {
        ArgumentNullException.ThrowIfNull(fillTempFolder);
        var (full, temp) = Prepare(dir);
        try
        {
            fillTempFolder(temp);
            PutInPlace(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The same for a fill that awaits (a simulation that writes as it goes).</summary>
    public static async Task WriteAsync(string dir, Func<string, Task> fillTempFolder)
    {
        ArgumentNullException.ThrowIfNull(fillTempFolder);
        var (full, temp) = Prepare(dir);
        try
        {
            await fillTempFolder(temp);
            PutInPlace(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static (string Full, string Temp) Prepare(string dir)
    {
        if (string.IsNullOrWhiteSpace(dir)) throw new ArgumentException($"output folder '{dir}' is empty; allowed: a folder path");
        var full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(full)) throw new IOException($"output folder '{dir}' is a file, not a folder");
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"output folder '{dir}' has no parent folder to write beside");
        CheckParents(dir);
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}{TempMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        return (full, temp);
    }

    /// <summary>Throws when a folder above <paramref name="dir"/> is a file (the folder could never be made).</summary>
    public static void CheckParents(string dir)
    {
        for (var p = Path.GetDirectoryName(Path.GetFullPath(dir)); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p)) return;
            if (File.Exists(p)) throw new IOException($"output folder '{dir}' cannot be made: '{p}' is a file, not a folder");
        }
    }

    private static void PutInPlace(string temp, string full)
    {
        if (!Directory.Exists(full))
        {
            Directory.Move(temp, full);
            return;
        }
        // Swap in one step where the OS can; the old folder ends up at the temporary name and is deleted.
        if (OperatingSystem.IsLinux() && TryExchange(temp, full)) return;
        var old = temp + "-old";
        Directory.Move(full, old);
        Directory.Move(temp, full);
        Directory.Delete(old, recursive: true);
    }

    private static bool TryExchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
