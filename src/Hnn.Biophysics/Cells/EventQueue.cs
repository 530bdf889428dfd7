using Hnn.Biophysics.Mechanisms;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// A population's pending NetCon deliveries (docs/dev/numerics.md §5.1): each event is handed to
/// its synapse at the first step boundary whose mid-step time is not earlier than the event,
/// in the canonical order of <see cref="SynapticEvent.Order"/> (time, target, weight), so that
/// results never depend on the order in which spikes arrived. A binary min-heap over one array of
/// 24-byte events (a framework PriorityQueue keeps element and priority, 48 bytes per event; at
/// mesh 30 millions are pending after a synchronous volley, docs/dev/performance.md §2). Events
/// that tie in all three keys are equal, so the heap's order among them cannot matter.
/// </summary>
internal sealed class EventQueue
{
    private SynapticEvent[] _heap = new SynapticEvent[16];
    private int _count;
    private readonly int _lanes;

    public EventQueue(int lanes) => _lanes = lanes;

    public int Count => _count;

    public void Enqueue(SynapticEvent e)
    {
        if (_count == _heap.Length) Grow();
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(e, _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = e;
    }

    /// <summary>Delivers every event due at or before <paramref name="until"/> to its synapse.</summary>
    public void DeliverUntil(double until, Exp2SynBank synapses)
    {
        while (TryDequeue(until, out var e))
            synapses.Receive(e.Target / _lanes, e.Target % _lanes, e.Weight);
    }

    /// <summary>Takes the first event in canonical order when it is due at or before <paramref name="until"/>.</summary>
    public bool TryDequeue(double until, out SynapticEvent e)
    {
        if (_count == 0 || !(_heap[0].Time <= until))
        {
            e = default;
            return false;
        }
        e = _heap[0];
        RemoveFirst();
        return true;
    }

    /// <summary>The pending events in no particular order (a checkpoint; restoring re-sorts them).</summary>
    public SynapticEvent[] ToArray() => _heap[.._count];

    public void Clear() => _count = 0;

    public void Restore(IEnumerable<SynapticEvent> events)
    {
        Clear();
        foreach (var e in events) Enqueue(e);
    }

    private static bool Less(in SynapticEvent x, in SynapticEvent y) => SynapticEvent.Compare(x, y) < 0;

    private void RemoveFirst()
    {
        var last = _heap[--_count];
        if (_count == 0) return;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Less(_heap[child + 1], _heap[child])) child++;
            if (!Less(_heap[child], last)) break;
            _heap[i] = _heap[child];
            i = child;
        }
        _heap[i] = last;
    }

    // 1.5× growth: the queue's capacity stays within 1.5× of its peak, and a resize briefly holds 2.5×, not 3×.
    private void Grow()
    {
        var size = (int)Math.Min(Array.MaxLength, _heap.Length + (long)_heap.Length / 2);
        if (size == _heap.Length) throw new InvalidOperationException($"more than {Array.MaxLength} pending synaptic events");
        Array.Resize(ref _heap, size);
    }
}
