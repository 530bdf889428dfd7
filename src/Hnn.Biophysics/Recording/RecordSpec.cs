namespace Hnn.Biophysics.Recording;

/// <summary>Where a network run records one quantity: nowhere, at each soma, or in every section (HNN-core's False, "soma", "all").</summary>
public enum RecordScope
{
    None,
    Soma,
    All,
}

/// <summary>
/// What a network run records in every cell of every trial (HNN-core's <c>record_vsec</c>, <c>record_isec</c>,
/// <c>record_ca</c> of simulate_dipole; docs/dev/recordings.md §1): the membrane potential at the middle of
/// each section (mV), the current of each synapse on it (nA), and the intracellular calcium concentration at
/// its middle (mM, sections with calcium only), at every time step from t = 0.
/// </summary>
public sealed record RecordSpec(RecordScope Vsec = RecordScope.None, RecordScope Isec = RecordScope.None, RecordScope Ca = RecordScope.None)
{
    /// <summary>Nothing recorded.</summary>
    public static RecordSpec Nothing { get; } = new();

    public bool Any => Vsec != RecordScope.None || Isec != RecordScope.None || Ca != RecordScope.None;

    /// <summary>HNN-core's spelling of a scope: "soma", "all", or false/null for none; anything else is an error naming <paramref name="argument"/>.</summary>
    public static RecordScope ParseScope(string argument, string? value) => value switch
    {
        null or "false" or "False" => RecordScope.None,
        "soma" => RecordScope.Soma,
        "all" => RecordScope.All,
        _ => throw new ArgumentException($"{argument} = '{value}' is invalid: it must be 'soma', 'all' or false", argument),
    };

    /// <summary>HNN-core's spelling of <paramref name="scope"/> ("soma", "all"), null for none.</summary>
    public static string? Show(RecordScope scope) => scope switch
    {
        RecordScope.Soma => "soma",
        RecordScope.All => "all",
        _ => null,
    };
}
