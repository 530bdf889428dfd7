namespace Hnn.Biophysics.Analysis;

/// <summary>
/// Spikes fired by each cell type of the network (drive cells not counted), averaged over trials
/// (docs/dev/dipole.md §10.3).
/// </summary>
internal sealed class SpikeCountsSummary : SummarySpec
{
    public const string Kind = "spike_counts";

    public override string Name => Kind;

    public override string Canonical => "{\"spike_counts\":{}}";

    public override IReadOnlyList<string> Columns(IReadOnlyList<string> cellTypes)
    {
        if (cellTypes.Contains("total"))
            throw new ArgumentException("a cell type named 'total' would clash with the column spikes_total", nameof(cellTypes));
        return [.. cellTypes.Select(t => $"spikes_{t}"), "spikes_total"];
    }

    public override IReadOnlyList<double> Compute(SummaryInput input)
    {
        if (input.Trials.Count == 0) throw new ArgumentException("spike_counts needs at least one trial", nameof(input));
        var index = new Dictionary<string, int>();
        for (var i = 0; i < input.CellTypes.Count; i++) index[input.CellTypes[i]] = i;
        var counts = new double[input.CellTypes.Count + 1];
        foreach (var trial in input.Trials)
            foreach (var type in trial.SpikeTypes)
                if (index.TryGetValue(type, out var i)) counts[i]++;
        for (var i = 0; i < counts.Length - 1; i++)
        {
            counts[i] /= input.Trials.Count;
            counts[^1] += counts[i];
        }
        return counts;
    }
}
