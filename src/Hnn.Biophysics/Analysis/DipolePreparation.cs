using System.Text.Json;

namespace Hnn.Biophysics.Analysis;

/// <summary>A dipole summary's "scale" (default 1) and "smooth" (ms, default none) settings.</summary>
internal sealed record DipolePreparation(double Scale, double? SmoothMs)
{
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteNumber("scale", Scale);
        CanonicalJson.NullableNumber(w, "smooth", SmoothMs);
    }
}
