using Hnn.Biophysics.Mechanisms;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// A population's pending NetCon deliveries (docs/dev/numerics.md §5.1): each event is handed to
/// its synapse at the first step boundary whose mid-step time is not earlier than the event,
/// in the canonical order of <see cref="SynapticEvent.Order"/> (time, target, weight), so that
/// results never depend on the order in which spikes arrived.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SynapticEvent, SynapticEvent> _events = new(SynapticEvent.Order);
    private readonly int _lanes;

    public EventQueue(int lanes) => _lanes = lanes;

    public int Count => _events.Count;

    public void Enqueue(SynapticEvent e) => _events.Enqueue(e, e);

    /// <summary>Delivers every event due at or before <paramref name="until"/> to its synapse.</summary>
    public void DeliverUntil(double until, Exp2SynBank synapses)
    {
        while (_events.TryPeek(out var e, out _) && e.Time <= until)
        {
            _events.Dequeue();
            synapses.Receive(e.Target / _lanes, e.Target % _lanes, e.Weight);
        }
    }

    /// <summary>The pending events in no particular order (a checkpoint; restoring re-sorts them).</summary>
    public SynapticEvent[] ToArray() => _events.UnorderedItems.Select(e => e.Element).ToArray();

    public void Clear() => _events.Clear();

    public void Restore(IEnumerable<SynapticEvent> events)
    {
        _events.Clear();
        foreach (var e in events) _events.Enqueue(e, e);
    }
}
