using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>Coordinator → drive: generate the spikes of drive <c>Drive</c> (index <c>Index</c> in the network) for this trial.</summary>
internal sealed record StartDrive(NetworkSpec Network, int Index, string Drive, int Trial, TimeGrid Grid);

/// <summary>Coordinator → drive: send the spikes of epoch <c>Epoch</c>: all not yet sent with time &lt; <c>Horizon</c>.</summary>
internal sealed record DriveRequest(int Epoch, double Horizon);

/// <summary>Drive → coordinator: drive <c>Index</c>'s spikes due by the end of epoch <c>Epoch</c>.</summary>
internal sealed record DriveEventsReady(int Index, int Epoch, SpikeBatch Spikes);
