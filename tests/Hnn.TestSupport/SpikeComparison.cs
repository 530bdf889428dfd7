namespace Hnn.TestSupport;

/// <summary>
/// Our spikes against a reference run's: per-type counts and how many spikes of each side have no
/// partner with the same gid on the same step (round(time/dt)).
/// </summary>
public sealed record SpikeComparison(int Ours, int Reference, int OnlyOurs, int OnlyReference,
    IReadOnlyList<(string Type, int Ours, int Reference)> PerType)
{
    public static SpikeComparison Of(IReadOnlyList<ReferenceSpike> reference, IEnumerable<(double Time, int Gid, string Type)> ours, double dt = 0.025)
    {
        var mine = ours.Select(s => new ReferenceSpike(s.Time, s.Gid, s.Type)).ToList();
        var refKeys = reference.Select(r => (r.Gid, r.Step(dt))).ToHashSet();
        var ourKeys = mine.Select(s => (s.Gid, s.Step(dt))).ToHashSet();
        var types = reference.Select(r => r.Type).Concat(mine.Select(s => s.Type)).Distinct().Order(StringComparer.Ordinal)
            .Select(t => (t, mine.Count(s => s.Type == t), reference.Count(r => r.Type == t))).ToArray();
        return new SpikeComparison(mine.Count, reference.Count, ourKeys.Count(k => !refKeys.Contains(k)),
            refKeys.Count(k => !ourKeys.Contains(k)), types);
    }

    /// <summary>Share of the reference's spikes that we have on the same gid and step.</summary>
    public double SharedFraction => Reference == 0 ? 1.0 : (double)(Reference - OnlyReference) / Reference;

    public bool CountsEqual => PerType.All(t => t.Ours == t.Reference);

    public override string ToString() =>
        string.Join("\n", PerType.Select(t => $"{t.Type}: {t.Ours} spikes (reference {t.Reference})")) +
        $"\nspikes: {Ours} vs {Reference}; same gid and step: {Reference - OnlyReference} ({100 * SharedFraction:F2}%); only ours {OnlyOurs}, only reference {OnlyReference}";
}
