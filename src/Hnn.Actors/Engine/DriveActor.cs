using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// One external drive (evoked, Poisson, bursty or replayed spike train): generates its spikes
/// for the trial from the drive's seeds, then hands them out one epoch ahead of when they act,
/// cut at the horizon the coordinator's <see cref="EpochPlan"/> gives.
/// </summary>
internal sealed class DriveActor : ReceiveActor
{
    private DriveSchedule _schedule = new(SpikeBatch.Empty);
    private int _index;

    public DriveActor()
    {
        Receive<StartDrive>(m =>
        {
            _index = m.Index;
            try
            {
                _schedule = new DriveSchedule(DriveSpikes.ForTrial(m.Network, m.Trial, m.Grid, m.Drive));
            }
            catch (Exception e)
            {
                Sender.Tell(new ShardFailed(-1, $"drive '{m.Drive}'", -1, 0.0, $"generating its events failed: {e.Message}"));
            }
        });
        Receive<DriveRequest>(m => Sender.Tell(new DriveEventsReady(_index, m.Epoch, _schedule.TakeBefore(m.Horizon))));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new DriveActor());
}
