using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// One external drive (evoked, Poisson, bursty or replayed spike train): generates its spikes
/// for the trial from the drive's seeds, then hands them out one epoch ahead of when they act.
/// </summary>
public sealed class DriveActor : ReceiveActor
{
    private SpikeBatch _spikes = SpikeBatch.Empty;
    private string _name = "";
    private int _next;

    public DriveActor()
    {
        Receive<StartDrive>(m =>
        {
            _name = m.Drive;
            try
            {
                _spikes = DriveSpikes.ForTrial(m.Network, m.Trial, m.Tstop, m.Dt, m.Drive);
            }
            catch (Exception e)
            {
                Sender.Tell(new ShardFailed(-1, $"drive '{m.Drive}'", -1, 0.0, $"generating its events failed: {e.Message}"));
            }
            _next = 0;
        });
        Receive<DriveRequest>(m =>
        {
            var start = _next;
            while (_next < _spikes.Count && _spikes.Times[_next] < m.Horizon) _next++;
            var batch = _next == start
                ? SpikeBatch.Empty
                : new SpikeBatch(_spikes.Gids[start.._next], _spikes.Times[start.._next]);
            Sender.Tell(new DriveEventsReady(_name, m.Epoch, batch));
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new DriveActor());
}
