namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// Physical constants as HNN-core's NEURON uses them: legacy units (docs/dev/mechanisms.md §2.1, §16),
/// celsius 37 °C.
/// </summary>
internal static class Units
{
    /// <summary>h.celsius set by HNN-core (°C).</summary>
    public const double Celsius = 37.0;

    /// <summary>FARADAY inside cad.mod: the legacy value printed with %g (6 digits).</summary>
    public const double FaradayCad = 96485.3;

    /// <summary>FARADAY inside NEURON's Nernst (eion.cpp), legacy.</summary>
    public const double FaradayNernst = 96485.309;

    /// <summary>Gas constant inside NEURON's Nernst (eion.cpp), legacy.</summary>
    public const double GasConstant = 8.3134;

    /// <summary>NEURON's default reversal potentials (membdef.h): never changed by HNN-core.</summary>
    public const double ENa = 50.0;
    public const double EK = -77.0;

    /// <summary>Extracellular calcium (cao0_ca_ion), never written.</summary>
    public const double CaOut = 2.0;

    /// <summary>Temperature factor of km, ca, kca: 2.3^((37 − 23 − 30.7)/10) (docs/dev/mechanisms.md §6).</summary>
    public static readonly double TadjQ10Of23 = Math.Pow(2.3, (Celsius - 23.0 - 30.7) / 10.0);
}
