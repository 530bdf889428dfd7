using System.Diagnostics;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>Input files must be regular files within a size limit; FIFOs and devices are refused before they are opened.</summary>
public sealed class InputFileTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hnn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void TellsRegularFilesFromFifosAndDevices()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "a.txt");
        File.WriteAllText(file, "1.0\t0\tL5_pyramidal\n");
        var fifo = Path.Combine(dir, "pipe");
        Process.Start("mkfifo", fifo)!.WaitForExit();
        Assert.Equal("a regular file", InputFile.KindOf(file));
        Assert.Equal("a FIFO (named pipe)", InputFile.KindOf(fifo));
        Assert.Equal("a device", InputFile.KindOf("/dev/zero"));
        Assert.Equal("a folder", InputFile.KindOf(dir));
    }

    [Fact]
    public async Task AFifoIsRefusedWithoutBlockingAndNamesTheLimit()
    {
        var fifo = Path.Combine(TempDir(), "spk_0.txt");
        Process.Start("mkfifo", fifo)!.WaitForExit();
        var read = Task.Run(() => SpikeFile.Read(fifo));
        var first = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(first == read, "reading a FIFO blocked");
        var e = await Assert.ThrowsAsync<IOException>(() => read);
        Assert.Equal($"spike file '{fifo}' is a FIFO (named pipe), not a regular file; allowed: a regular file of at most 512 MiB", e.Message);
    }

    [Fact]
    public void AFileOverTheLimitIsRefusedWithItsSizeAndTheLimit()
    {
        var file = Path.Combine(TempDir(), "big.txt");
        using (var f = File.Create(file)) f.SetLength(3000);
        var e = Assert.Throws<IOException>(() => InputFile.ReadAllText(file, "experiment file", 2048));
        Assert.Equal($"experiment file '{file}' is 2.9 KiB, more than the limit of 2 KiB for experiment files", e.Message);
        Assert.Equal(new string('\0', 3000), InputFile.ReadAllText(file, "experiment file", 3000));
    }

    [Fact]
    public void NegativeGidsInASpikeFileAreRefusedWithTheLine()
    {
        var file = Path.Combine(TempDir(), "spk_0.txt");
        File.WriteAllText(file, "1.0\t3\tL5_pyramidal\n2.0\t-3\tL5_pyramidal\n");
        var e = Assert.Throws<FormatException>(() => SpikeFile.Read(file));
        Assert.Equal($"{file}:2: gid -3 is negative; allowed: gids >= 0", e.Message);
    }
}
