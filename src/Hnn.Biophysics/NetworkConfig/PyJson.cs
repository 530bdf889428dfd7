using System.Globalization;
using System.Text;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// A JSON value as Python's json module sees it, so that a file can be written exactly as
/// <c>json.dump(obj, f, ensure_ascii=False, indent=4)</c> writes it (docs/dev/io.md §5.4): objects keep
/// insertion order, integers and floats are distinct (<c>0</c> vs <c>0.0</c>), floats use Python's repr.
/// </summary>
internal abstract record PyJson
{
    public static PyJson Int(long v) => new PyInt(v);
    public static PyJson Float(double v) => new PyFloat(v);
    public static PyJson Str(string v) => new PyStr(v);
    public static PyJson Bool(bool v) => new PyBool(v);
    public static readonly PyJson Null = new PyNull();
    public static PyJson Floats(IEnumerable<double> values) => new PyList([.. values.Select(Float)]);
    public static PyJson Ints(IEnumerable<int> values) => new PyList([.. values.Select(v => Int(v))]);
    public static PyJson Strs(IEnumerable<string> values) => new PyList([.. values.Select(Str)]);

    /// <summary>The text json.dump(…, ensure_ascii=False, indent=4) writes: no trailing newline.</summary>
    public string Dump()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    internal abstract void Write(StringBuilder sb, int depth);

    private protected static void Indent(StringBuilder sb, int depth) => sb.Append('\n').Append(' ', 4 * depth);

    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);   // ensure_ascii=False: everything else as is
                    break;
            }
        }
        sb.Append('"');
    }
}

internal sealed record PyInt(long Value) : PyJson
{
    internal override void Write(StringBuilder sb, int depth) => sb.Append(Value.ToString(CultureInfo.InvariantCulture));
}

internal sealed record PyFloat(double Value) : PyJson
{
    internal override void Write(StringBuilder sb, int depth) => sb.Append(PythonFloat.Repr(Value));
}

internal sealed record PyStr(string Value) : PyJson
{
    internal override void Write(StringBuilder sb, int depth) => WriteString(sb, Value);
}

internal sealed record PyBool(bool Value) : PyJson
{
    internal override void Write(StringBuilder sb, int depth) => sb.Append(Value ? "true" : "false");
}

internal sealed record PyNull : PyJson
{
    internal override void Write(StringBuilder sb, int depth) => sb.Append("null");
}

internal sealed record PyList(IReadOnlyList<PyJson> Items) : PyJson
{
    internal override void Write(StringBuilder sb, int depth)
    {
        if (Items.Count == 0)
        {
            sb.Append("[]");
            return;
        }
        sb.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Indent(sb, depth + 1);
            Items[i].Write(sb, depth + 1);
        }
        Indent(sb, depth);
        sb.Append(']');
    }
}

/// <summary>A dict in insertion order; <see cref="Add"/> returns the object so literals read top-down.</summary>
internal sealed record PyObject : PyJson
{
    private readonly List<KeyValuePair<string, PyJson>> _items = [];

    public IReadOnlyList<KeyValuePair<string, PyJson>> Items => _items;

    public PyObject Add(string key, PyJson value)
    {
        _items.Add(new(key, value));
        return this;
    }

    internal override void Write(StringBuilder sb, int depth)
    {
        if (_items.Count == 0)
        {
            sb.Append("{}");
            return;
        }
        sb.Append('{');
        for (var i = 0; i < _items.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Indent(sb, depth + 1);
            WriteString(sb, _items[i].Key);
            sb.Append(": ");
            _items[i].Value.Write(sb, depth + 1);
        }
        Indent(sb, depth);
        sb.Append('}');
    }
}
