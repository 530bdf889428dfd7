using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Network;

// The add_*_drive and add_tonic_bias methods of HNN-core's Network (docs/dev/drives.md §4), with its
// argument names in snake_case in every error message and its defaults.
public sealed partial record NetworkSpec
{
    /// <summary>
    /// add_evoked_drive: <paramref name="numspikes"/> Gaussian-timed events per drive cell and trial.
    /// <paramref name="nDriveCells"/> null means 'n_cells' (one drive cell per target cell).
    /// </summary>
    public NetworkSpec AddEvokedDrive(
        string name, double mu, double sigma, int numspikes, string location,
        int? nDriveCells = null, bool cellSpecific = true,
        IReadOnlyDictionary<string, double>? weightsAmpa = null, IReadOnlyDictionary<string, double>? weightsNmda = null,
        double spaceConstant = 3.0, PerCellType? synapticDelays = null, PerCellType? probability = null,
        long eventSeed = 2, long? connSeed = 3)
    {
        DriveAttachment.CheckName(this, name);
        CheckFinite("mu", mu);
        CheckFinite("sigma", sigma);
        if (sigma < 0) throw Invalid.Argument("sigma", sigma, "Standard deviation cannot be negative", "sigma >= 0 (ms)");
        // Legacy mode skips HNN-core's value checks: numspikes 0 then simply gives no events (docs/dev/network.md §11).
        if (numspikes < 0 || (numspikes == 0 && !LegacyMode))
            throw Invalid.Argument("numspikes", numspikes, "Number of spikes must be greater than zero", LegacyMode ? "an integer >= 0" : "an integer >= 1");
        var targets = CommonDriveChecks(location, weightsAmpa, weightsNmda, synapticDelays, probability, spaceConstant, eventSeed, connSeed);
        var drive = new EvokedDrive
        {
            Name = name, Location = location, Mu = mu, Sigma = sigma, NumSpikes = numspikes,
            CellSpecific = cellSpecific, NDriveCells = DriveAttachment.DriveCellCount(this, targets, nDriveCells, cellSpecific),
            EventSeed = eventSeed, ConnSeed = connSeed, SpaceConstant = spaceConstant, Targets = targets,
        };
        return DriveAttachment.Attach(this, drive);
    }

    /// <summary>
    /// add_poisson_drive: exponential inter-event intervals at <paramref name="rateConstant"/> Hz
    /// (one rate, or per target type for a cell-specific drive) from tstart to tstop (null = end).
    /// </summary>
    public NetworkSpec AddPoissonDrive(
        string name, PerCellType rateConstant, string location, double tstart = 0, double? tstop = null,
        int? nDriveCells = null, bool cellSpecific = true,
        IReadOnlyDictionary<string, double>? weightsAmpa = null, IReadOnlyDictionary<string, double>? weightsNmda = null,
        double spaceConstant = 100.0, PerCellType? synapticDelays = null, PerCellType? probability = null,
        long eventSeed = 2, long? connSeed = 3)
    {
        ArgumentNullException.ThrowIfNull(rateConstant);
        DriveAttachment.CheckName(this, name);
        CheckFinite("tstart", tstart);
        if (tstop is { } end)
        {
            CheckFinite("tstop", end);
            if (end < 0) throw Invalid.Argument("tstop", end, "End time of Poisson drive cannot be negative", "tstop >= 0 (ms) or null");
            if (end < tstart) throw Invalid.Argument("tstop", end, $"Duration of Poisson drive cannot be negative (tstart = {Invalid.Show(tstart)})", "tstop >= tstart");
        }
        if (tstart < 0) throw Invalid.Argument("tstart", tstart, "Start time of Poisson drive cannot be negative", "tstart >= 0 (ms)");
        var targets = CommonDriveChecks(location, weightsAmpa, weightsNmda, synapticDelays, probability, spaceConstant, eventSeed, connSeed);
        var asked = (weightsAmpa?.Keys ?? []).Concat(weightsNmda?.Keys ?? []).ToHashSet();

        double? rate = null;
        Dictionary<string, double>? rates = null;
        if (rateConstant.ByType is { } byType)
        {
            var missing = asked.Where(t => !byType.ContainsKey(t)).ToArray();
            if (missing.Length > 0)
                throw Invalid.Argument("rate_constant", rateConstant.ToString(),
                    $"Rate constants not provided for all target cell populations ({Invalid.List(missing)} missing)",
                    $"a rate for each of {Invalid.List(asked)}");
            var unknown = byType.Keys.Where(k => !IsCellType(k)).ToArray();
            if (unknown.Length > 0)
                throw Invalid.Argument("rate_constant", rateConstant.ToString(),
                    $"Rate constant provided for unknown target cell population: {Invalid.List(unknown)}", Invalid.List(CellTypeNames));
            foreach (var kv in byType)
                if (!(kv.Value > 0) || !double.IsFinite(kv.Value))
                    throw Invalid.Argument($"rate_constant['{kv.Key}']", kv.Value, "Rate constant must be positive", "a rate > 0 (Hz)");
            if (!cellSpecific)
                throw Invalid.Argument("rate_constant", rateConstant.ToString(),
                    $"Drives specific to cell types are only possible with cell_specific=True and n_drive_cells='n_cells'. Got cell_specific=False and n_drive_cells={nDriveCells?.ToString() ?? "'n_cells'"}",
                    "one common rate, or cell_specific=True");
            rates = new Dictionary<string, double>(byType);
        }
        else
        {
            var common = rateConstant.Common!.Value;
            if (!(common > 0) || !double.IsFinite(common))
                throw Invalid.Argument("rate_constant", common, "Rate constant must be positive", "a rate > 0 (Hz)");
            if (cellSpecific) rates = asked.ToDictionary(t => t, _ => common);   // docs/dev/drives.md §4.4 step 6
            else rate = common;
        }

        var drive = new PoissonDrive
        {
            Name = name, Location = location, TStart = tstart, TStop = tstop, RateConstant = rate, RateConstants = rates,
            CellSpecific = cellSpecific, NDriveCells = DriveAttachment.DriveCellCount(this, targets, nDriveCells, cellSpecific),
            EventSeed = eventSeed, ConnSeed = connSeed, SpaceConstant = spaceConstant, Targets = targets,
        };
        return DriveAttachment.Attach(this, drive);
    }

    /// <summary>
    /// add_bursty_drive ("rhythmic" input): bursts of <paramref name="numspikes"/> spikes every
    /// 1000/<paramref name="burstRate"/> ms. Defaults differ from the other drives: one drive cell,
    /// not cell-specific, space constant 100.
    /// </summary>
    public NetworkSpec AddBurstyDrive(
        string name, double burstRate, string location, double tstart = 0, double tstartStd = 0, double? tstop = null,
        double burstStd = 0, int numspikes = 2, double spikeIsi = 10,
        int? nDriveCells = 1, bool cellSpecific = false,
        IReadOnlyDictionary<string, double>? weightsAmpa = null, IReadOnlyDictionary<string, double>? weightsNmda = null,
        PerCellType? synapticDelays = null, double spaceConstant = 100.0, PerCellType? probability = null,
        long eventSeed = 2, long? connSeed = 3)
    {
        DriveAttachment.CheckName(this, name);
        foreach (var (arg, v) in new[] { ("tstart", tstart), ("tstart_std", tstartStd), ("burst_rate", burstRate), ("burst_std", burstStd), ("spike_isi", spikeIsi) })
            CheckFinite(arg, v);
        if (tstop is { } end)
        {
            CheckFinite("tstop", end);
            // Legacy mode skips HNN-core's time checks: a drive that ends before it starts (the old GUI's
            // way of switching a feed off) is kept and makes no events (docs/dev/network.md §11).
            if (end < 0 && !LegacyMode) throw Invalid.Argument("tstop", end, "End time of bursty drive cannot be negative", "tstop >= 0 (ms) or null");
            if (end < tstart && !LegacyMode) throw Invalid.Argument("tstop", end, $"Duration of bursty drive cannot be negative (tstart = {Invalid.Show(tstart)})", "tstop >= tstart");
        }
        if (tstartStd < 0) throw Invalid.Argument("tstart_std", tstartStd, "Standard deviation cannot be negative", "tstart_std >= 0 (ms)");
        if (tstart < 0 && !LegacyMode) throw Invalid.Argument("tstart", tstart, "Start time of bursty drive cannot be negative", "tstart >= 0 (ms)");
        if (burstStd < 0) throw Invalid.Argument("burst_std", burstStd, "Standard deviation cannot be negative", "burst_std >= 0 (ms)");
        if (numspikes <= 0) throw Invalid.Argument("numspikes", numspikes, "Number of spikes must be greater than zero", "an integer >= 1");
        if (!(burstRate > 0)) throw Invalid.Argument("burst_rate", burstRate, "the burst rate must be positive", "burst_rate > 0 (Hz)");
        if (spikeIsi < 0) throw Invalid.Argument("spike_isi", spikeIsi, "the spike interval cannot be negative", "spike_isi >= 0 (ms)");
        BurstyDrive.CheckBurstDuration(burstRate, numspikes, spikeIsi);
        var targets = CommonDriveChecks(location, weightsAmpa, weightsNmda, synapticDelays, probability, spaceConstant, eventSeed, connSeed);
        var drive = new BurstyDrive
        {
            Name = name, Location = location, TStart = tstart, TStartStd = tstartStd, TStop = tstop,
            BurstRate = burstRate, BurstStd = burstStd, NumSpikes = numspikes, SpikeIsi = spikeIsi,
            CellSpecific = cellSpecific, NDriveCells = DriveAttachment.DriveCellCount(this, targets, nDriveCells, cellSpecific),
            EventSeed = eventSeed, ConnSeed = connSeed, SpaceConstant = spaceConstant, Targets = targets,
        };
        return DriveAttachment.Attach(this, drive);
    }

    /// <summary>
    /// add_spike_train_drive: one drive cell per source replaying its spike times every trial, all
    /// drive cells connected to all cells of the target types. <paramref name="targetConfig"/> (beyond
    /// HNN-core) gives chosen sources their own targets, weights, delays and probability.
    /// </summary>
    public NetworkSpec AddSpikeTrainDrive(
        string name, SpikeData spikeData, string location,
        IReadOnlyDictionary<string, double>? weightsAmpa = null, IReadOnlyDictionary<string, double>? weightsNmda = null,
        PerCellType? synapticDelays = null, double spaceConstant = 3.0, PerCellType? probability = null,
        long? connSeed = null, IEnumerable<KeyValuePair<string, ReplayTargetConfig>>? targetConfig = null)
    {
        ArgumentNullException.ThrowIfNull(spikeData);
        DriveAttachment.CheckName(this, name);
        var (sources, hasMap) = spikeData.Standardize();
        if (sources.Length == 0)
            throw Invalid.Argument("spike_data", "no sources", "Number of drive cells must be greater than 0. Got 0", "at least one source with spikes");
        DriveAttachment.CheckSeeds(0, connSeed);
        CheckFinite("space_constant", spaceConstant);
        if (!(spaceConstant > 0)) throw Invalid.Argument("space_constant", spaceConstant, "the space constant must be positive", "a number > 0");

        var groups = ReplayGrouping.Build(this, sources, location, spaceConstant, connSeed, targetConfig);

        var grouped = groups.SelectMany(g => g.SourceIndices).ToHashSet();
        var uncovered = Enumerable.Range(0, sources.Length).Where(i => !grouped.Contains(i)).ToArray();
        DriveTarget[] defaultTargets = [];
        if (uncovered.Length > 0 || (weightsAmpa?.Count ?? 0) + (weightsNmda?.Count ?? 0) > 0)
        {
            defaultTargets = DriveTargeting.Resolve(this, location, weightsAmpa, weightsNmda, synapticDelays ?? 0.1, probability ?? 1.0);
            foreach (var t in defaultTargets) CheckProbability("probability", t.Probability, connSeed);
        }

        var drive = new SpikeTrainDrive
        {
            Name = name, Location = location, Sources = sources, HasSourceMap = hasMap, TargetGroups = groups,
            CellSpecific = false, NDriveCells = sources.Length, EventSeed = 0, ConnSeed = connSeed,
            SpaceConstant = spaceConstant, Targets = defaultTargets,
        };
        return DriveAttachment.Attach(this, drive);
    }

    /// <summary>
    /// add_tonic_bias: a current clamp of <paramref name="amplitude"/>[type] nA on every cell of each
    /// given type, at <paramref name="section"/>(0.5) from <paramref name="t0"/> to <paramref name="tstop"/>
    /// ms (null = end of the simulation).
    /// </summary>
    public NetworkSpec AddTonicBias(IReadOnlyDictionary<string, double> amplitude, double t0 = 0, double? tstop = null,
        string section = "soma", string biasName = "tonic")
    {
        ArgumentNullException.ThrowIfNull(amplitude);
        if (amplitude.Count == 0)
            throw Invalid.Argument("amplitude", amplitude, "No bias have been defined", "a dict cell type → amplitude (nA)");
        if (string.IsNullOrWhiteSpace(biasName)) throw Invalid.Argument("bias_name", biasName, "a bias needs a name", "a non-empty name");
        CheckFinite("t0", t0);
        if (tstop is { } end)
        {
            CheckFinite("tstop", end);
            if (end < 0) throw Invalid.Argument("tstop", end, "End time of tonic input cannot be negative", "tstop >= 0 (ms) or null");
            if (end - t0 < 0) throw Invalid.Argument("tstop", end, $"Duration of tonic input cannot be negative (t0 = {Invalid.Show(t0)})", "tstop >= t0");
        }
        var net = this;
        foreach (var (cellType, amp) in amplitude)
        {
            if (!IsCellType(cellType))
                throw Invalid.Argument("amplitude", cellType, $"cell_type must be one of {Invalid.List(CellTypeNames)}", Invalid.List(CellTypeNames));
            CheckFinite($"amplitude['{cellType}']", amp);
            if (Math.Abs(amp) > MaxBiasNa)
                throw Invalid.Argument($"amplitude['{cellType}']", amp, "a current this large overflows the cell model", $"-{MaxBiasNa} … {MaxBiasNa} (nA)");
            var sections = TemplateOf(cellType).SectionNames.ToArray();
            if (!sections.Contains(section))
                throw Invalid.Argument("section", section, $"section must be one of {Invalid.List(sections)} for {cellType}", Invalid.List(sections));
            if (net.TonicBiases.Any(b => b.Name == biasName && b.CellType == cellType))
                throw Invalid.Argument("bias_name", biasName, $"Bias named {biasName} already defined for {cellType}", "a new bias name");
            net = net.WithTonicBias(new TonicBias(biasName, cellType, amp, t0, tstop, section));
        }
        return net;
    }

    /// <summary>Beyond any current a cell survives (the same bound as `hnn cell --iclamp`).</summary>
    internal const double MaxBiasNa = 1000;

    private DriveTarget[] CommonDriveChecks(string location,
        IReadOnlyDictionary<string, double>? weightsAmpa, IReadOnlyDictionary<string, double>? weightsNmda,
        PerCellType? synapticDelays, PerCellType? probability, double spaceConstant, long eventSeed, long? connSeed)
    {
        ArgumentNullException.ThrowIfNull(location);
        CheckFinite("space_constant", spaceConstant);
        if (!(spaceConstant > 0)) throw Invalid.Argument("space_constant", spaceConstant, "the space constant must be positive", "a number > 0");
        DriveAttachment.CheckSeeds(eventSeed, connSeed);
        var targets = DriveTargeting.Resolve(this, location, weightsAmpa, weightsNmda, synapticDelays ?? 0.1, probability ?? 1.0);
        for (var i = 0; i < targets.Length; i++)
            CheckProbability("probability", targets[i].Probability, connSeed + i);
        return targets;
    }
}
