using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>Coordinator → drive: generate your spikes for this trial.</summary>
public sealed record StartDrive(NetworkSpec Network, string Drive, int Trial, double Tstop, double Dt);

/// <summary>Coordinator → drive: send the spikes of epoch <c>Epoch</c>: all not yet sent with time &lt; <c>Horizon</c>.</summary>
public sealed record DriveRequest(int Epoch, double Horizon);

/// <summary>Drive → coordinator: the drive's spikes due by the end of epoch <c>Epoch</c>.</summary>
public sealed record DriveEventsReady(string Drive, int Epoch, SpikeBatch Spikes);
