namespace Hnn.Biophysics.Morphology;

/// <summary>
/// One density mechanism inserted in a section, with the parameters HNN-core sets on it
/// (docs/dev/cells.md §3.8), e.g. <c>km</c> with <c>gbar_km = 250</c>. Parameters left out keep the
/// mod file's default.
/// </summary>
/// <param name="Name">Mechanism suffix: hh2, km, ca, cad, kca, cat or ar.</param>
public sealed record Mechanism(string Name, IReadOnlyList<MechanismParameter> Parameters)
{
    public IReadOnlyList<MechanismParameter> Parameters { get; init => field = WireForm.Array(value); } = WireForm.Array(Parameters);

    public Mechanism(string name, params (string Name, double Value)[] parameters)
        : this(name, parameters.Select(p => new MechanismParameter(p.Name, p.Value)).ToArray())
    {
    }
}

/// <summary>
/// A mechanism parameter with HNN-core's full name (<c>gnabar_hh2</c>): one value for the whole
/// section, or one value per segment (HNN-core's <c>[[x…], [value…]]</c>, e.g. L5's distance-dependent
/// <c>gbar_ar</c>), segment k centred at x = (k + ½)/nseg.
/// </summary>
/// <param name="Value">The section-wide value; unused when <paramref name="PerSegment"/> is given.</param>
/// <param name="PerSegment">One value per segment, 0 end first; null for a section-wide value.</param>
public sealed record MechanismParameter(string Name, double Value, IReadOnlyList<double>? PerSegment = null)
{
    /// <summary>The value at segment <paramref name="k"/>.</summary>
    public double At(int k) => PerSegment is null ? Value : PerSegment[k];

    public bool Equals(MechanismParameter? other) =>
        other is not null && Name == other.Name && Value.Equals(other.Value) &&
        (PerSegment is null ? other.PerSegment is null : other.PerSegment is not null && PerSegment.SequenceEqual(other.PerSegment));

    public override int GetHashCode() => HashCode.Combine(Name, Value, PerSegment?.Count);
}
