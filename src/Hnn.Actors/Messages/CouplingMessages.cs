using Akka.Actor;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>Source network's coordinator → projection: every spike its cells fired in epoch <c>Epoch</c> (sent again after a recovery; ignored then).</summary>
internal sealed record LiveSpikes(int Epoch, SpikeBatch Fired);

/// <summary>
/// What ties one network's trial to the others of a coupled run (docs/dev/coupling.md §4): the epoch
/// plan they share, the projection actors that stand in for the drives fed live (by drive index), and
/// the projection actors to tell what this network fired.
/// </summary>
internal sealed record TrialCoupling(EpochPlan Plan, IReadOnlyDictionary<int, IActorRef> LiveDrives, IReadOnlyList<IActorRef> Outputs);
