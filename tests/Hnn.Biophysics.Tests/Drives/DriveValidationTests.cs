using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Drives;

/// <summary>
/// Every drive rule of docs/dev/drives.md §4 (and docs/dev/api.md): each test checks the argument named, the bad
/// value shown, HNN-core's wording where it has one, and that the message says what is allowed.
/// </summary>
public class DriveValidationTests
{
    private static readonly NetworkSpec Net = Jones2009.Create();
    private static readonly Dictionary<string, double> L2P = new() { ["L2_pyramidal"] = 0.01 };
    private static readonly Dictionary<string, double> All3 = new() { ["L2_basket"] = 0.01, ["L2_pyramidal"] = 0.01, ["L5_pyramidal"] = 0.01 };

    private static void Fails(Func<NetworkSpec> act, string argument, params string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(act);
        Assert.True(ex.ParamName == argument, $"expected argument '{argument}', got '{ex.ParamName}': {ex.Message}");
        Assert.True(ex.Message.Contains("Allowed:"), $"message does not say what is allowed: {ex.Message}");
        foreach (var f in fragments) Assert.True(ex.Message.Contains(f, StringComparison.Ordinal), $"message lacks '{f}': {ex.Message}");
    }

    private static NetworkSpec Evoked(NetworkSpec? net = null, string name = "ev", double sigma = 1, int numspikes = 1, string location = "distal",
        int? nDriveCells = null, bool cellSpecific = true, Dictionary<string, double>? ampa = null, Dictionary<string, double>? nmda = null,
        PerCellType? delays = null, PerCellType? probability = null, long eventSeed = 2, long? connSeed = 3, double spaceConstant = 3.0) =>
        (net ?? Net).AddEvokedDrive(name, mu: 20, sigma: sigma, numspikes: numspikes, location: location, nDriveCells: nDriveCells,
            cellSpecific: cellSpecific, weightsAmpa: ampa ?? (nmda is null ? L2P : null), weightsNmda: nmda, spaceConstant: spaceConstant,
            synapticDelays: delays, probability: probability, eventSeed: eventSeed, connSeed: connSeed);

    // §4.1 target resolution
    [Fact] public void NoWeights() => Fails(() => Net.AddEvokedDrive("ev", 20, 1, 1, "distal"), "weights_ampa", "No target cell types have been given a synaptic weight for this drive", "null");
    [Fact] public void DistalOntoL5Basket() => Fails(() => Evoked(ampa: new() { ["L5_basket"] = 0.1 }), "location", "a distal drive cannot target L5_basket", "'distal'");
    [Fact] public void DelayDictMismatch() => Fails(() => Evoked(ampa: All3, delays: new Dictionary<string, double> { ["L2_basket"] = 0.1 }), "synaptic_delays",
        "synaptic_delays is either a common float or needs to be specified as a dict for each of the cell types defined in weights_ampa and weights_nmda", "{'L2_basket': 0.1}");
    [Fact] public void ProbabilityDictMismatch() => Fails(() => Evoked(ampa: All3, probability: new Dictionary<string, double> { ["L2_basket"] = 0.5 }), "probability",
        "probability is either a common float or needs to be specified as a dict for each of the cell types", "{'L2_basket': 0.5}");
    [Fact] public void ProbabilityDictValueOutOfRange() => Fails(() => Evoked(probability: new Dictionary<string, double> { ["L2_pyramidal"] = 2.0 }), "probability['L2_pyramidal']", "probability must be in the range (0,1)", "2");
    [Fact] public void ProbabilityOutOfRange() => Fails(() => Evoked(probability: 0.0), "probability['L2_pyramidal']", "probability must be in the range (0,1)", "0");
    [Fact] public void NegativeWeight() => Fails(() => Evoked(ampa: new() { ["L2_pyramidal"] = -0.1 }), "weights_ampa['L2_pyramidal']", "-0.1");
    [Fact] public void NegativeDelay() => Fails(() => Evoked(delays: -1.0), "synaptic_delays['L2_pyramidal']", "-1");

    // §4.2 attach
    [Fact] public void DuplicateName() => Fails(() => Evoked(Evoked(name: "evoked_dist"), name: "evoked_dist"), "name", "Drive evoked_dist already defined");
    [Fact] public void NameOfACellType() => Fails(() => Evoked(name: "L2_basket"), "name", "'L2_basket'");
    [Fact] public void UnknownTargetType() => Fails(() => Evoked(ampa: new() { ["L6_pyramidal"] = 0.1 }), "weights_ampa", "Allowed drive target cell types are:", "'L6_pyramidal'", "'L5_pyramidal'");
    [Fact] public void UnknownLocation() => Fails(() => Evoked(location: "bogus_location"), "location",
        "the location 'bogus_location' is not defined for one of the targeted cells", "'proximal'");
    [Fact] public void SectionNotOnEveryTarget() => Fails(() => Evoked(ampa: All3, location: "apical_tuft"), "location", "'L2_basket'");
    [Fact] public void SomaHasNoAmpaOnPyramids() => Fails(() => Evoked(location: "soma"), "receptor", "'soma' of L2_pyramidal", "'ampa'");
    [Fact] public void CellSpecificNeedsNCells() => Fails(() => Evoked(nDriveCells: 5), "n_drive_cells", "If cell_specific is True, n_drive_cells must equal 'n_cells'. Got 5");
    [Fact] public void NotCellSpecificNeedsAnInt() => Fails(() => Evoked(cellSpecific: false), "n_drive_cells", "If cell_specific is False, n_drive_cells must be of type int", "'n_cells'");
    [Fact] public void NeedsAtLeastOneDriveCell() => Fails(() => Evoked(cellSpecific: false, nDriveCells: 0), "n_drive_cells", "Number of drive cells must be greater than 0. Got 0");
    [Fact] public void EventSeedRange() => Fails(() => Evoked(eventSeed: -1), "event_seed", "Seed must be between 0 and 2**32 - 1", "-1");
    [Fact] public void ConnSeedNonNegative() => Fails(() => Evoked(connSeed: -3), "conn_seed", "expected non-negative integer", "-3");
    [Fact] public void ProbabilityBelowOneNeedsConnSeed() => Fails(() => Evoked(probability: 0.5, connSeed: null), "conn_seed", "needs a seed");
    [Fact] public void SpaceConstantPositive() => Fails(() => Evoked(spaceConstant: 0), "space_constant", "the space constant must be positive");

    // evoked
    [Fact] public void NegativeSigma() => Fails(() => Evoked(sigma: -1), "sigma", "Standard deviation cannot be negative", "-1");
    [Fact] public void ZeroNumspikes() => Fails(() => Evoked(numspikes: 0), "numspikes", "Number of spikes must be greater than zero", "0");

    // Poisson
    private static NetworkSpec Poisson(PerCellType? rate = null, double tstart = 0, double? tstop = null, bool cellSpecific = true, int? n = null,
        Dictionary<string, double>? ampa = null) =>
        Net.AddPoissonDrive("p", rate ?? 10.0, "proximal", tstart, tstop, n, cellSpecific, ampa ?? L2P);

    [Fact] public void PoissonNegativeEnd() => Fails(() => Poisson(tstop: -1), "tstop", "End time of Poisson drive cannot be negative", "-1");
    [Fact] public void PoissonNegativeDuration() => Fails(() => Poisson(tstart: 10, tstop: 5), "tstop", "Duration of Poisson drive cannot be negative", "5");
    [Fact] public void PoissonNegativeStart() => Fails(() => Poisson(tstart: -1), "tstart", "Start time of Poisson drive cannot be negative", "-1");
    [Fact] public void PoissonRatesMissingTypes() => Fails(() => Poisson(new Dictionary<string, double> { ["L2_basket"] = 10 }), "rate_constant",
        "Rate constants not provided for all target cell populations", "'L2_pyramidal'");
    [Fact] public void PoissonRateUnknownType() => Fails(() => Poisson(new Dictionary<string, double> { ["L2_pyramidal"] = 10, ["L9_cell"] = 1 }), "rate_constant",
        "Rate constant provided for unknown target cell population", "'L9_cell'");
    [Fact] public void PoissonRateDictNonPositive() => Fails(() => Poisson(new Dictionary<string, double> { ["L2_pyramidal"] = -5 }), "rate_constant['L2_pyramidal']", "Rate constant must be positive", "-5");
    [Fact] public void PoissonRateNonPositive() => Fails(() => Poisson(-5.0), "rate_constant", "Rate constant must be positive", "-5");
    [Fact] public void PoissonRateDictNeedsCellSpecific() => Fails(() => Poisson(new Dictionary<string, double> { ["L2_pyramidal"] = 10 }, cellSpecific: false, n: 3), "rate_constant",
        "Drives specific to cell types are only possible with cell_specific=True and n_drive_cells='n_cells'", "n_drive_cells=3");

    [Fact]
    public void PoissonEndBeforeStartAtSimulation()
    {
        // tstop = null takes the simulation's tstop, which may precede tstart (docs/dev/drives.md §6.1).
        var net = Poisson(tstart: 100);
        var ex = Assert.ThrowsAny<ArgumentException>(() => DriveEvents.Generate(net, 0, 50));
        Assert.Contains("The end time for Poisson inputs must be greater than start time", ex.Message);
        Assert.Contains("50", ex.Message);
    }

    // bursty
    private static NetworkSpec Bursty(double tstart = 0, double tstartStd = 0, double? tstop = null, double burstRate = 10, double burstStd = 0,
        int numspikes = 2, double spikeIsi = 10) =>
        Net.AddBurstyDrive("b", burstRate, "distal", tstart, tstartStd, tstop, burstStd, numspikes, spikeIsi, weightsAmpa: L2P);

    [Fact] public void BurstyNegativeEnd() => Fails(() => Bursty(tstop: -1), "tstop", "End time of bursty drive cannot be negative");
    [Fact] public void BurstyNegativeDuration() => Fails(() => Bursty(tstart: 10, tstop: 5), "tstop", "Duration of bursty drive cannot be negative");
    [Fact] public void BurstyNegativeStartStd() => Fails(() => Bursty(tstartStd: -1), "tstart_std", "Standard deviation cannot be negative");
    [Fact] public void BurstyNegativeStart() => Fails(() => Bursty(tstart: -1), "tstart", "Start time of bursty drive cannot be negative");
    [Fact] public void BurstyNegativeBurstStd() => Fails(() => Bursty(burstStd: -1), "burst_std", "Standard deviation cannot be negative");
    [Fact] public void BurstyZeroSpikes() => Fails(() => Bursty(numspikes: 0), "numspikes", "Number of spikes must be greater than zero");
    [Fact] public void BurstyRatePositive() => Fails(() => Bursty(burstRate: 0), "burst_rate", "the burst rate must be positive");
    [Fact] public void BurstTooLong() => Fails(() => Bursty(burstRate: 20, numspikes: 5, spikeIsi: 20), "spike_isi",
        "Burst duration (80ms) cannot be greater than burst period (50ms)");

    // spike trains
    [Fact] public void SpikeTrainWithoutSources() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([]), "distal", L2P), "spike_data", "Number of drive cells must be greater than 0. Got 0");
    [Fact] public void SpikeTrainNegativeTime() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [-1.0])]), "distal", L2P), "spike_data", "source 'a'", "-1");
    [Fact] public void SpikeTrainDuplicateSource() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [1.0]), new("a", [2.0])]), "distal", L2P), "spike_data", "unique");
    [Fact] public void SpikeTrainNoFiles() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromFiles("/nonexistent-dir/spk_*.txt"), "distal", L2P), "spike_data",
        "Trial index 0 exceeds available trials (0)", "'/nonexistent-dir/spk_*.txt'");
    [Fact] public void SpikeTrainBadFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hnn-bad-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "not a spike\n");
        try { Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromFiles(file), "distal", L2P), "spike_data", "Error loading spike data from file"); }
        finally { File.Delete(file); }
    }
    [Fact] public void SpikeTrainUnknownTargetConfigSource() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [1.0])]), "distal", L2P,
        targetConfig: [new("zzz", new ReplayTargetConfig(WeightsAmpa: L2P))]), "target_config", "'zzz'", "matches no source id", "'a'");
    [Fact] public void SpikeTrainTargetConfigPatternMatchingNothing() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [1.0])]), "distal", L2P,
        targetConfig: [new("x*", new ReplayTargetConfig(WeightsAmpa: L2P))]), "target_config", "'x*'", "matches no source id");
    [Fact] public void SpikeTrainSourceConfiguredTwice() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a1", [1.0])]), "distal",
        targetConfig: [new("a*", new ReplayTargetConfig(WeightsAmpa: L2P)), new("a1", new ReplayTargetConfig(WeightsNmda: L2P))]), "target_config",
        "source 'a1' is also configured by 'a*'");
    [Fact] public void SpikeTrainTargetConfigTypesMustMatchWeights() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [1.0])]), "distal",
        targetConfig: [new("a", new ReplayTargetConfig(WeightsAmpa: L2P, TargetCellTypes: ["L5_pyramidal"]))]), "target_config['a'].target_cell_types", "'L2_pyramidal'");
    [Fact] public void SpikeTrainUncoveredSourcesNeedWeights() => Fails(() => Net.AddSpikeTrainDrive("s", SpikeData.FromSources([new("a", [1.0]), new("b", [2.0])]), "distal",
        targetConfig: [new("a", new ReplayTargetConfig(WeightsAmpa: L2P))]), "weights_ampa", "No target cell types have been given a synaptic weight");

    // tonic biases
    private static readonly Dictionary<string, double> Amp = new() { ["L2_pyramidal"] = 1.0 };
    [Fact] public void BiasWithoutAmplitudes() => Fails(() => Net.AddTonicBias(new Dictionary<string, double>()), "amplitude", "No bias have been defined");
    [Fact] public void BiasUnknownCellType() => Fails(() => Net.AddTonicBias(new Dictionary<string, double> { ["name_nonexistent"] = 1.0 }), "amplitude", "cell_type must be one of", "'name_nonexistent'");
    [Fact] public void BiasDuplicate() => Fails(() => Net.AddTonicBias(Amp).AddTonicBias(Amp), "bias_name", "Bias named tonic already defined for L2_pyramidal");
    [Fact] public void BiasUnknownSection() => Fails(() => Net.AddTonicBias(Amp, section: "apical_4"), "section", "section must be one of", "'apical_4'");
    [Fact] public void BiasNegativeEnd() => Fails(() => Net.AddTonicBias(Amp, tstop: -1), "tstop", "End time of tonic input cannot be negative");
    [Fact] public void BiasNegativeDuration() => Fails(() => Net.AddTonicBias(Amp, t0: 10, tstop: 5), "tstop", "Duration of tonic input cannot be negative");
    [Fact]
    public void BiasNegativeDurationAtSimulation()
    {
        var net = Net.AddTonicBias(Amp, t0: 100);
        var ex = Assert.ThrowsAny<ArgumentException>(() => net.TonicBiases[0].EndTime(50));
        Assert.Contains("Duration of tonic input cannot be negative", ex.Message);
    }

    // event generation
    [Fact]
    public void GeneratedSeedOutOfRange()
    {
        var net = Evoked(eventSeed: uint.MaxValue);
        var ex = Assert.ThrowsAny<ArgumentException>(() => DriveEvents.Generate(net, 0, 170));
        Assert.Contains("Seed must be between 0 and 2**32 - 1", ex.Message);
    }

    [Fact] public void GenerateNeedsPositiveTstop() => Assert.Contains("tstop", Assert.ThrowsAny<ArgumentException>(() => DriveEvents.Generate(Net, 0, 0)).Message);
    [Fact] public void GenerateAllNeedsTrials() => Assert.Contains("Invalid number of simulations: 0", Assert.ThrowsAny<ArgumentException>(() => DriveEvents.GenerateAll(Net, 0, 170)).Message);

    [Fact]
    public void FailedDriveLeavesNetworkUnchanged()
    {
        Assert.ThrowsAny<ArgumentException>(() => Evoked(location: "soma"));
        Assert.Empty(Net.Drives);
        Assert.Equal(16, Net.Connections.Count);
    }
}
