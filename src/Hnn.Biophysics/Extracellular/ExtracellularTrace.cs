namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The potentials of one array over one trial, sampled as HNN-core samples them (docs/dev/extracellular.md §8):
/// sample 0 (t = 0) is 0 µV by definition, then one sample per step, taken after the step from that step's
/// membrane currents. Per step: <see cref="NextSample"/> gives a zeroed row into which every cell's
/// <see cref="CellTransferMatrix.Accumulate"/> adds its share. Storage is one contiguous block, sample-major,
/// grown only when the planned number of samples is exceeded.
/// </summary>
internal sealed class ExtracellularTrace
{
    private double[] _data;

    /// <param name="contacts">Contacts of the array.</param>
    /// <param name="plannedSamples">Expected samples including t = 0 (steps + 1), to allocate once.</param>
    public ExtracellularTrace(int contacts, int plannedSamples)
    {
        if (contacts < 1) throw new ArgumentOutOfRangeException(nameof(contacts), contacts, "an array has at least one contact");
        ContactCount = contacts;
        _data = new double[contacts * Math.Max(plannedSamples, 1)];
        SampleCount = 1; // the t = 0 sample, all zeros
    }

    public int ContactCount { get; }

    /// <summary>Samples so far, the t = 0 sample included.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Starts the next sample and returns its (zeroed) row of <see cref="ContactCount"/> potentials (µV).</summary>
    public Span<double> NextSample()
    {
        var need = (SampleCount + 1) * ContactCount;
        if (need > _data.Length) Array.Resize(ref _data, Math.Max(need, 2 * _data.Length));
        var row = _data.AsSpan(SampleCount * ContactCount, ContactCount);
        row.Clear();
        SampleCount++;
        return row;
    }

    /// <summary>Potential of <paramref name="contact"/> at <paramref name="sample"/> (µV).</summary>
    public double this[int contact, int sample] =>
        (uint)sample < (uint)SampleCount && (uint)contact < (uint)ContactCount
            ? _data[sample * ContactCount + contact]
            : throw new ArgumentOutOfRangeException(nameof(sample), $"sample {sample}, contact {contact}: there are {SampleCount} samples of {ContactCount} contacts");

    /// <summary>[contact, sample] in µV, HNN-core's per-trial layout of <c>rec_arrays[name].voltages</c>.</summary>
    public double[,] ToMatrix()
    {
        var m = new double[ContactCount, SampleCount];
        for (var k = 0; k < SampleCount; k++)
            for (var c = 0; c < ContactCount; c++)
                m[c, k] = _data[k * ContactCount + c];
        return m;
    }
}
