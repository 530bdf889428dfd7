using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// One live projection of a coupled trial (docs/dev/coupling.md §4): to the target network's
/// coordinator it is the drive at index <c>driveIndex</c>, answering <see cref="DriveRequest"/>(k)
/// with the drive spikes of what the source network fired in epoch k − 1 (nothing for epoch 0) as
/// soon as the source's coordinator has reported that epoch. It only moves forward: epochs the
/// source sends again after a recovery are already known and ignored, and the target's coordinator
/// keeps what it got for its own re-runs.
/// </summary>
internal sealed class ProjectionActor : ReceiveActor
{
    private readonly ProjectionFeed _feed;
    private readonly int _driveIndex;
    private readonly Dictionary<int, SpikeBatch> _ready = [];       // by the target epoch they belong to
    private readonly Dictionary<int, IActorRef> _waiting = [];
    private int _received = -1;                                     // the last source epoch mapped

    public ProjectionActor(ProjectionFeed feed, int driveIndex)
    {
        _feed = feed;
        _driveIndex = driveIndex;
        Receive<LiveSpikes>(m =>
        {
            if (m.Epoch != _received + 1) return;   // a re-run's repeat (or out of order: the source only moves forward)
            _received = m.Epoch;
            var spikes = _feed.Map(m.Fired);
            if (_waiting.Remove(m.Epoch + 1, out var asker)) asker.Tell(new DriveEventsReady(_driveIndex, m.Epoch + 1, spikes));
            else _ready[m.Epoch + 1] = spikes;
        });
        Receive<DriveRequest>(m =>
        {
            if (m.Epoch == 0) Sender.Tell(new DriveEventsReady(_driveIndex, 0, SpikeBatch.Empty));
            else if (_ready.Remove(m.Epoch, out var spikes)) Sender.Tell(new DriveEventsReady(_driveIndex, m.Epoch, spikes));
            else _waiting[m.Epoch] = Sender;
        });
    }

    public static Props Props(ProjectionFeed feed, int driveIndex) => Akka.Actor.Props.Create(() => new ProjectionActor(feed, driveIndex));
}
