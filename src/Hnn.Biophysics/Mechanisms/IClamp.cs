namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// NEURON's IClamp (docs/dev/mechanisms.md §14): amp nA for del ≤ t &lt; del + dur, tested at the
/// mid-step time; depolarising current enters the node equation as +100·i/area.
/// </summary>
/// <param name="Lane">Cell index in its population.</param>
/// <param name="MembraneIndex">Membrane node k of the electrode.</param>
/// <param name="Delay">del (ms).</param>
/// <param name="Duration">dur (ms).</param>
/// <param name="Amplitude">amp (nA).</param>
/// <param name="AreaScale">100/area of the node (µm⁻²).</param>
internal readonly record struct IClamp(int Lane, int MembraneIndex, double Delay, double Duration, double Amplitude, double AreaScale)
{
    public double CurrentAt(double t) => t >= Delay && t < Delay + Duration ? Amplitude : 0.0;
}
