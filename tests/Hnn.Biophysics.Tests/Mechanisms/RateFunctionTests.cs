using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Mechanisms;

/// <summary>
/// The rate procedures of hh2, ca, km, cat and ar (the functions their TABLEs sample) against
/// the formulas of HNN-core v0.6.1's hnn_core/mod/&lt;name&gt;.mod at celsius 37. Expected values
/// come from tests/Hnn.Biophysics.Tests/Mechanisms/nmodl_expected.py (plain Python math on the
/// NMODL text, independent of the C# code). Tolerance: 1e-12 relative; the measured maximum is
/// printed. Output order is each mod file's TABLE line.
/// </summary>
public sealed class RateFunctionTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;

    // hh2.mod rates(v) at celsius 37: v, minf, mtau, hinf, htau, ninf, ntau (ms). −40 and −55 (x = 0),
    // −39.999995 and −55.000005 (|x/y| = 5e-7) take vtrap's |x/y| < 1e-6 branch; −39.9999 and −55.0002 do not.
    private static readonly double[][] Hh2Rows =
    [
        [-100.0, 0.0005329778846169563, 0.03574760784411865, 0.9962871741539278, 2.473267872311834, 0.025446654154322342, 5.033751453365069],
        [-80.0, 0.008043237159868665, 0.10777565801170043, 0.9309765449143949, 6.282316874342187, 0.12912670817536034, 5.775834537345948],
        [-65.0, 0.05293248525724958, 0.2367668786856876, 0.5961207535084603, 8.516010764406575, 0.3176769140606974, 5.458584687514421],
        [-55.0, 0.15805238900582083, 0.3668595168949243, 0.2626322421615716, 6.1858194860492866, 0.47548378767952965, 4.754837876795296],
        [-40.0, 0.5006486315783902, 0.5006486315783902, 0.05044149224155692, 2.515115817274061, 0.6785909741451827, 3.514512409392594],
        [-35.5, 0.6151875766394216, 0.49539257610255366, 0.0318052960562501, 1.986029811864156, 0.7245024649243778, 3.1867925608467753],
        [-20.0, 0.8756935460923122, 0.37859065600171765, 0.008943480282440843, 1.2121911196782837, 0.8351784627102367, 2.3141664527020374],
        [0.0, 0.9741586073227078, 0.23907906751265814, 0.002788359433376854, 1.0273248228300127, 0.9087278279671391, 1.645480118244483],
        [25.0, 0.99587687552067, 0.1529814823376357, 0.0007789500729086593, 1.0016978712795688, 0.9517374590913323, 1.1892727334277904],
        [60.0, 0.999614575824551, 0.0999569193393019, 0.0001351236435311465, 0.9999397180721046, 0.9777239141506937, 0.8501860954051563],
        [-39.999995, 0.5006487635226049, 0.5006486383604453, 0.05044146536026468, 2.5151151056966294, 0.678591029156751, 3.5145120275143964],
        [-55.000005, 0.15805231075255857, 0.36685944908658624, 0.26263237586179355, 6.185821088656674, 0.4754837097423489, 4.754838286133061],
        [-39.9999, 0.5006512704616076, 0.5006487672139417, 0.050440954618824356, 2.5151015857831465, 0.6785920743748348, 3.5145047718357496],
        [-55.0002, 0.15804925889794036, 0.3668568045588592, 0.26263759020859445, 6.185883590316707, 0.4754806701897475, 4.754854250274604],
    ];

    // ca.mod rates(vm) at celsius 37, vshift 0: v, minf, hinf, mtau, htau (ms).
    private static readonly double[][] CaRows =
    [
        [-120.0, 9.064184556550129e-12, 0.962972764727139, 0.3029385847780452, 996.3068107712643],
        [-90.0, 9.62119461746458e-08, 0.8361838834582224, 1.7691170877112592, 1576.3678784285155],
        [-65.0, 0.0001817530601040334, 0.5807509173996811, 7.697435054477808, 1805.0653493176449],
        [-40.0, 0.16761818477848772, 0.2934279295859354, 27.887906540513047, 1503.6671609074908],
        [-27.5, 0.7727774691627441, 0.19406585755090308, 15.881038595889263, 1276.9474406870547],
        [-10.0, 0.9787447471622789, 0.108415232739677, 4.158738690870758, 1012.3187047908289],
        [0.0, 0.9923841297007808, 0.07913696365923108, 2.683380373819011, 902.537456063406],
        [30.0, 0.9993773950010509, 0.034483919829329766, 1.2810831825165037, 716.6038997463328],
        [100.0, 0.9999954471748077, 0.007402163538028413, 0.5753301032852955, 623.7829372435971],
    ];

    // km.mod rates(v) at celsius 37: v, ninf, ntau (ms). −30 (0/0) is avoided as in the table.
    private static readonly double[][] KmRows =
    [
        [-120.0, 4.539786870243439e-05, 44.64815763485424],
        [-90.0, 0.001271016263081358, 66.80805673564569],
        [-65.0, 0.02005753653785041, 110.21396174585185],
        [-40.0, 0.2476638011390716, 202.81264943106797],
        [-30.5, 0.4861146822539951, 223.20365393246922],
        [-29.0, 0.5277492350545133, 223.03165009603003],
        [0.0, 0.9655548043337888, 124.72831054828386],
        [30.0, 0.9987289837369187, 66.80805673564569],
        [100.0, 0.9999994668403771, 30.913036789738452],
    ];

    // cat.mod settables(v): v, minf, mtau, hinf, htau (ms); −81.5/−81 straddle htau's branch.
    private static readonly double[][] CatRows =
    [
        [-120.0, 3.288106733523594e-05, 0.8434069105188489, 0.9999546021312976, 60.07431662498789],
        [-100.0, 0.000827086211763865, 2.209518505832374, 0.9933071490757153, 81.11620096768485],
        [-81.5, 0.01609686015090094, 4.437239186465233, 0.5926665999540697, 107.08902354271032],
        [-81.0, 0.017425216681586093, 4.4790142739417504, 0.5621765008857981, 110.27480336828887],
        [-80.0, 0.020412827223409803, 4.553869064160897, 0.5, 101.10370992163146],
        [-65.0, 0.18975346274764301, 4.067166827073405, 0.022977369910025615, 31.316061211190295],
        [-40.0, 0.9296054995942135, 1.4425414857863015, 4.5397868702434395e-05, 11.353810283218206],
        [0.0, 0.9998805219098879, 0.34374874191468796, 2.0611536181902037e-09, 9.365066649317793],
        [40.0, 0.9999998114440687, 0.21952119887177007, 9.357622968839299e-14, 9.32099861963404],
    ];

    // ar.mod settables(v): v, minf, mtau (ms).
    private static readonly double[][] ArRows =
    [
        [-120.0, 0.9997203852613508, 72.06002591099545],
        [-100.0, 0.9894961554867145, 381.7821551106223],
        [-75.0, 0.5, 911.159978830949],
        [-65.0, 0.1396521834167601, 571.1550401207564],
        [-40.0, 0.0017201255952192596, 106.53596235249688],
        [0.0, 1.1961950474749672e-06, 6.488277187814781],
        [40.0, 8.304188449756114e-10, 0.394553708093674],
    ];

    private void Check(string what, Action<double, Span<double>> rates, int outputs, double[][] rows, int k) =>
        Nmodl.AssertAll(output, what, Tolerance, rows.Select(r =>
        {
            var o = new double[outputs];
            rates(r[0], o);
            return (r[0], r[1 + k], o[k]);
        }));

    [Fact] public void Hh2_SodiumActivationSteadyState_MatchesNmodlFormula() => Check("hh2 minf", Hh2.Rates, 6, Hh2Rows, 0);
    [Fact] public void Hh2_SodiumActivationTau_MatchesNmodlFormula() => Check("hh2 mtau", Hh2.Rates, 6, Hh2Rows, 1);
    [Fact] public void Hh2_SodiumInactivationSteadyState_MatchesNmodlFormula() => Check("hh2 hinf", Hh2.Rates, 6, Hh2Rows, 2);
    [Fact] public void Hh2_SodiumInactivationTau_MatchesNmodlFormula() => Check("hh2 htau", Hh2.Rates, 6, Hh2Rows, 3);
    [Fact] public void Hh2_PotassiumActivationSteadyState_MatchesNmodlFormula() => Check("hh2 ninf", Hh2.Rates, 6, Hh2Rows, 4);
    [Fact] public void Hh2_PotassiumActivationTau_MatchesNmodlFormula() => Check("hh2 ntau", Hh2.Rates, 6, Hh2Rows, 5);

    [Fact] public void Ca_ActivationSteadyState_MatchesNmodlFormula() => Check("ca minf", Ca.Rates, 4, CaRows, 0);
    [Fact] public void Ca_InactivationSteadyState_MatchesNmodlFormula() => Check("ca hinf", Ca.Rates, 4, CaRows, 1);
    [Fact] public void Ca_ActivationTau_MatchesNmodlFormula() => Check("ca mtau", Ca.Rates, 4, CaRows, 2);
    [Fact] public void Ca_InactivationTau_MatchesNmodlFormula() => Check("ca htau", Ca.Rates, 4, CaRows, 3);

    [Fact] public void Km_ActivationSteadyState_MatchesNmodlFormula() => Check("km ninf", Km.Rates, 2, KmRows, 0);
    [Fact] public void Km_ActivationTau_MatchesNmodlFormula() => Check("km ntau", Km.Rates, 2, KmRows, 1);

    [Fact] public void Cat_ActivationSteadyState_MatchesNmodlFormula() => Check("cat minf", Cat.Rates, 4, CatRows, 0);
    [Fact] public void Cat_ActivationTau_MatchesNmodlFormula() => Check("cat mtau", Cat.Rates, 4, CatRows, 1);
    [Fact] public void Cat_InactivationSteadyState_MatchesNmodlFormula() => Check("cat hinf", Cat.Rates, 4, CatRows, 2);
    [Fact] public void Cat_InactivationTau_MatchesNmodlFormulaOnBothBranches() => Check("cat htau", Cat.Rates, 4, CatRows, 3);

    [Fact] public void Ar_ActivationSteadyState_MatchesNmodlFormula() => Check("ar minf", Ar.Rates, 2, ArRows, 0);
    [Fact] public void Ar_ActivationTau_MatchesNmodlFormula() => Check("ar mtau", Ar.Rates, 2, ArRows, 1);

    /// <summary>tadj = 2.3^((37 − 23 − 30.7)/10) of km.mod, ca.mod, kca.mod (Python: 0.2488367461978179).</summary>
    [Fact]
    public void TemperatureFactorOfKmCaKca_MatchesNmodlFormula() =>
        Nmodl.AssertAll(output, "tadj (q10 2.3)", Tolerance, [(37.0, 0.2488367461978179, Units.TadjQ10Of23)]);

    // Table nodes: (mechanism, i, x_i, outputs at x_i), x_i accumulated as NEURON's TABLE does
    // (x_0 = lo, x_(i+1) = x_i + dx; docs/dev/mechanisms.md §3), formulas from nmodl_expected.py.
    public static TheoryData<string, int, double, double[]> TableNodes() => new()
    {
        { "hh2", 0, -100.0, [0.0005329778846169563, 0.03574760784411865, 0.9962871741539278, 2.473267872311834, 0.025446654154322342, 5.033751453365069] },
        { "hh2", 1, -99.0, [0.000612415063009913, 0.03778678454588383, 0.9956895797695506, 2.5985154470698277, 0.027809186453580773, 5.084711834219631] },
        { "hh2", 73, -27.0, [0.7867366863831248, 0.44025071276730315, 0.014947374941404194, 1.4276653006771245, 0.7931819812724129, 2.660530483278725] },
        { "hh2", 100, 0.0, [0.9741586073227078, 0.23907906751265814, 0.002788359433376854, 1.0273248228300127, 0.9087278279671391, 1.645480118244483] },
        { "hh2", 199, 99.0, [0.9999682220621594, 0.0719400937489212, 1.9225409404358816e-05, 0.9999822897055787, 0.9896587983871137, 0.6426354515942501] },
        { "hh2", 200, 100.0, [0.9999701540173902, 0.07142638017953491, 1.828778963398621e-05, 0.9999830831443808, 0.989851174897981, 0.6386135427366768] },
        { "ca", 0, -120.0, [9.064184556550129e-12, 0.962972764727139, 0.3029385847780452, 996.3068107712643] },
        { "ca", 1, -118.89447236180905, [1.2785754665172304e-11, 0.9607477324699164, 0.3232936786638377, 1016.2275254396296] },
        { "ca", 73, -39.296482412060534, [0.19390633285684805, 0.28687209636874655, 28.14825110835286, 1490.9025209457857] },
        { "ca", 99, -10.552763819095675, [0.9773769572792707, 0.11037302473225961, 4.284745809534538, 1019.2686199328356] },
        { "ca", 198, 98.89447236180874, [0.9999950985959644, 0.007571295677574654, 0.5803820952324709, 624.0832562519893] },
        { "ca", 199, 99.99999999999969, [0.9999954471748077, 0.007402163538028459, 0.575330103285297, 623.7829372435971] },
        { "km", 0, -120.0, [4.539786870243439e-05, 44.64815763485424] },
        { "km", 1, -118.89447236180905, [5.133103961130833e-05, 45.202883746531136] },
        { "km", 73, -39.296482412060534, [0.26251403887712244, 205.3216621722345] },
        { "km", 99, -10.552763819095675, [0.8966740645136905, 163.9424418447173] },
        { "km", 198, 98.89447236180874, [0.9999993971567612, 31.17817350080382] },
        { "km", 199, 99.99999999999969, [0.9999994668403771, 30.913036789738527] },
        { "cat", 0, -120.0, [3.288106733523594e-05, 0.8434069105188489, 0.9999546021312976, 60.07431662498789] },
        { "cat", 1, -119.75039001560063, [3.423181090962132e-05, 0.8529175208672911, 0.9999516790732936, 60.29989146757591] },
        { "cat", 73, -101.77847113884596, [0.0006209589824046061, 2.0267714368151766, 0.9956990870856643, 78.97875842692206] },
        { "cat", 320, -40.12480499220078, [0.928276775057247, 1.4507760460755368, 4.683660092520016e-05, 11.378128778941255] },
        { "cat", 640, 39.750390015599805, [0.9999998036979886, 0.2197355352199025, 9.960166596537293e-14, 9.321022643621221] },
        { "cat", 641, 39.99999999999918, [0.9999998114440687, 0.21952119887177077, 9.357622968841227e-14, 9.32099861963404] },
        { "ar", 0, -120.0, [0.9997203852613508, 72.06002591099545] },
        { "ar", 1, -119.75039001560063, [0.99970740676336, 73.61632168684703] },
        { "ar", 73, -101.77847113884596, [0.9923760910393211, 331.9508220631391] },
        { "ar", 320, -40.12480499220078, [0.0017595351364984833, 107.46757162823774] },
        { "ar", 640, 39.750390015599805, [8.689745510390217e-10, 0.4015082061418756] },
        { "ar", 641, 39.99999999999918, [8.304188449757354e-10, 0.3945537080936966] },
    };

    /// <summary>
    /// Every tabulated output at grid nodes 0, 1, 73, N/2, N−1, N equals the NMODL formula at the
    /// accumulated grid voltage (1e-12 relative): a table built on the wrong grid, range or output
    /// order fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(TableNodes))]
    public void RateTable_NodeEntries_MatchNmodlFormulaAtTheGridVoltage(string mechanism, int node, double x, double[] expected)
    {
        var table = mechanism switch
        {
            "hh2" => Hh2.Table,
            "ca" => Ca.Table,
            "km" => Km.Table,
            "cat" => Cat.Table,
            "ar" => Ar.Table,
            _ => throw new ArgumentException(mechanism),
        };
        Assert.Equal(expected.Length, table.Outputs);
        Nmodl.AssertAll(output, $"{mechanism} table node {node} (x = {x:R})", Tolerance,
            expected.Select((e, k) => ((double)k, e, table.Entries[node * table.Outputs + k])));
    }
}
