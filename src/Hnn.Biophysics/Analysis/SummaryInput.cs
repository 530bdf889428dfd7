using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// What a batch job's summaries are computed from: its trials, each trial's post-processed dipole
/// (baseline renormalised, nA·m, unscaled and unsmoothed: <see cref="Dipole.FromRaw"/>) in trial order,
/// and the network's cell types (drives excluded) in the order their columns should appear.
/// </summary>
public sealed record SummaryInput(IReadOnlyList<TrialResult> Trials, IReadOnlyList<Dipole> Dipoles, IReadOnlyList<string> CellTypes);
