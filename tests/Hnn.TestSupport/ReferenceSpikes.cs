namespace Hnn.TestSupport;

/// <summary>One spike of a reference spikes.csv: time (ms), gid, cell or drive type.</summary>
public readonly record struct ReferenceSpike(double Time, int Gid, string Type)
{
    /// <summary>The simulation step the spike falls on, round(time/dt).</summary>
    public long Step(double dt = 0.025) => (long)Math.Round(Time / dt);
}

/// <summary>Reads the reference spikes.csv files (header time,gid,type; tests/data/REFERENCE-README.md).</summary>
public static class ReferenceSpikes
{
    public static IReadOnlyList<ReferenceSpike> Read(string path)
    {
        var csv = Csv.Read(path);
        if (!csv.Header.SequenceEqual(["time", "gid", "type"]))
            throw new InvalidDataException($"{path}: header '{string.Join(",", csv.Header)}', expected 'time,gid,type'");
        return [.. csv.Rows.Select(r => new ReferenceSpike(Csv.Double(r[0]), Csv.Int(r[1]), r[2]))];
    }

    /// <summary>Reads tests/data/&lt;parts...&gt;.</summary>
    public static IReadOnlyList<ReferenceSpike> ReadData(params string[] parts) => Read(TestData.Path(parts));
}
