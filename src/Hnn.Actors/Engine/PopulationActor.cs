using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// One shard: builds its <see cref="PopulationShard"/> from the network description, then for
/// each <see cref="Advance"/> queues the inbound spikes, integrates the epoch and replies with
/// what it fired. Runs on the compute dispatcher; all physics is in the shard object. An
/// exception in the physics becomes a <see cref="ShardFailed"/> naming the shard and time.
/// </summary>
internal sealed class PopulationActor : ReceiveActor
{
    public const string Dispatcher = "akka.actor.hnn-compute-dispatcher";

    private PopulationShard? _shard;
    private double[] _dipole = [];

    public PopulationActor()
    {
        Receive<BuildShard>(Build);
        Receive<Advance>(Run);
        Receive<ReleaseShard>(_ => Context.Stop(Self));
        Receive<RestoreShard>(m =>
        {
            var shard = _shard ?? throw new InvalidOperationException("RestoreShard before BuildShard");
            shard.Restore(m.Snapshot);
            Sender.Tell(new ShardRestored(shard.Spec.Index, m.Generation));
        });
    }

    // Created from its type (no closure), so that the Props can be deployed on another node.
    public static Props Props() => Akka.Actor.Props.Create<PopulationActor>().WithDispatcher(Dispatcher);

    private void Build(BuildShard m)
    {
        try
        {
            _shard = new PopulationShard(m.Network, m.Shard, m.Grid, m.Record);
            Sender.Tell(new ShardReady(m.Shard.Index, _shard.SourceGids, m.Generation));
        }
        catch (Exception e)
        {
            Sender.Tell(new ShardFailed(m.Shard.Index, m.Shard.Name, -1, 0.0, $"building the shard failed: {e.Message}"));
        }
    }

    private void Run(Advance m)
    {
        var shard = _shard ?? throw new InvalidOperationException("Advance before BuildShard");
        try
        {
            if (_dipole.Length < m.Steps) _dipole = new double[m.Steps];
            var snapshot = m.Checkpoint ? shard.Snapshot() : null;
            shard.Receive(m.Inbound);
            // Recorded samples travel with the epoch's answer (a fresh array: the message keeps it).
            var traces = shard.TraceWidth > 0 ? new double[shard.TraceRows(m.Steps) * shard.TraceWidth] : null;
            var potentials = shard.ContactCount > 0 ? new double[m.Steps * shard.ContactCount] : null;
            var fired = shard.Advance(m.Steps, _dipole, traces, potentials);
            Sender.Tell(new EpochDone(shard.Spec.Index, m.Epoch, fired, shard.MeasuresDipole ? _dipole[..m.Steps] : null, snapshot, m.Generation,
                traces, potentials));
        }
        catch (Exception e)
        {
            Sender.Tell(new ShardFailed(shard.Spec.Index, shard.Spec.Name, m.Epoch, shard.Time, e.Message));
        }
    }
}
