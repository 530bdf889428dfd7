using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// One trial of a whole network on one thread: a Population per cell type, NetCons routed
/// from each source gid to its target synapses, drive events replayed as NEURON's VecStim
/// emits them (numerics.md §5). This is the sequential reference the actor engine shards
/// (each shard a slice of a population, the routing done by the coordinator).
/// </summary>
public sealed class NetworkTrial
{
    private readonly NetworkSpec _net;
    private readonly Population[] _populations;
    private readonly int[] _firstGid;
    private readonly Route[][] _routes; // by source gid
    private readonly double _tstop;

    private readonly record struct Route(int Population, int Lane, int Synapse, double Weight, double Delay);

    public NetworkTrial(NetworkSpec net, double tstop, double dt, int trial = 0)
    {
        if (net.Threshold != Population.Threshold)
            throw new ArgumentException($"threshold {net.Threshold} mV is not supported; the solver detects spikes at {Population.Threshold} mV", nameof(net));
        _net = net;
        _tstop = tstop;
        Trial = trial;
        _populations = net.CellTypes.Select(c => new Population(CellTemplates.ForType(c.Name), c.Count, dt)).ToArray();
        _firstGid = net.CellTypes.Select(c => net.RangeOf(c.Name).Start).ToArray();

        var routes = new List<Route>[net.TotalGids];
        foreach (var nc in NetConResolver.Resolve(net))
        {
            var (p, lane) = Locate(nc.TargetGid);
            (routes[nc.SourceGid] ??= []).Add(new Route(p, lane, _populations[p].SynapseIndex(nc.Section, nc.Receptor), nc.Weight, nc.Delay));
        }
        _routes = routes.Select(r => r?.ToArray() ?? []).ToArray();

        foreach (var bias in net.TonicBiases)
        {
            var p = Array.FindIndex(net.CellTypes.ToArray(), c => c.Name == bias.CellType);
            var end = bias.EndTime(tstop);
            for (var lane = 0; lane < _populations[p].CellCount; lane++)
                _populations[p].AddCurrentClamp(lane, bias.Section, 0.5, bias.T0, end - bias.T0, bias.Amplitude);
        }
    }

    public int Trial { get; }

    /// <summary>Integrates the trial; progress reports simulated ms.</summary>
    public TrialResult Run(IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var spikes = new List<(double Time, int Gid)>();
        foreach (var drive in DriveEvents.Generate(_net, Trial, _tstop))
            for (var c = 0; c < drive.ByCell.Count; c++)
            {
                var gid = drive.FirstGid + c;
                // VecStim schedules each next event at t + (t_next − t) from the current time.
                var t = 0.0;
                foreach (var next in drive.ByCell[c])
                {
                    t += next - t;
                    spikes.Add((t, gid));
                    Send(gid, t);
                }
            }

        var dt = _populations[0].Dt;
        var steps = Population.StepsFor(_tstop, dt);
        var times = new double[steps + 1];
        var dipoles = _net.CellTypes.Select(c => CellTemplates.ForType(c.Name).MeasuresDipole ? new double[steps + 1] : null).ToArray();
        var buffer = new List<Spike>(256);
        for (var k = 1; k <= steps; k++)
        {
            foreach (var pop in _populations) pop.Step();
            for (var p = 0; p < _populations.Length; p++)
            {
                buffer.Clear();
                _populations[p].DrainSpikes(buffer);
                foreach (var s in buffer)
                {
                    var gid = _firstGid[p] + s.Cell;
                    spikes.Add((s.Time, gid));
                    Send(gid, s.Time);
                }
                if (dipoles[p] is { } d) d[k] = _populations[p].TotalDipole();
            }
            times[k] = _populations[0].Time;
            if (k % 400 == 0)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(times[k]);
            }
        }
        spikes.Sort();
        var byType = _net.CellTypes.Select((c, p) => (c.Name, dipoles[p])).Where(x => x.Item2 is not null)
            .ToDictionary(x => x.Name, x => x.Item2!);
        return new TrialResult(Trial, times, byType, spikes.Select(s => s.Time).ToArray(), spikes.Select(s => s.Gid).ToArray());
    }

    private void Send(int sourceGid, double time)
    {
        foreach (var r in _routes[sourceGid])
            _populations[r.Population].Schedule(time + r.Delay, r.Lane, r.Synapse, r.Weight);
    }

    private (int Population, int Lane) Locate(int gid)
    {
        for (var p = 0; p < _populations.Length; p++)
            if (gid >= _firstGid[p] && gid < _firstGid[p] + _populations[p].CellCount)
                return (p, gid - _firstGid[p]);
        throw new ArgumentException($"gid {gid} is not a cell of the network", nameof(gid));
    }
}

/// <summary>
/// A simulated trial: NEURON's time vector, the raw per-type dipole sums (fA·m; sample 0 = 0),
/// and every spike (cells and drive cells) sorted by time then gid.
/// </summary>
public sealed record TrialResult(int Trial, double[] Times, IReadOnlyDictionary<string, double[]> RawDipoles, double[] SpikeTimes, int[] SpikeGids);
