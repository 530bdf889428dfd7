namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// HNN-core's built-in parameter set (docs/dev/params.md §3), in its key order: the simulation,
/// connection, rhythmic, Gaussian, Poisson and analysis keys, the pyramidal cell keys, then per
/// evoked input <c>n</c> its weights, time, SD, seed and spike count. Most values switch the
/// feature off (zero weights, start times beyond tstop). Only keys of this set survive reading a
/// params file.
/// </summary>
internal static class ParamsDefaults
{
    /// <summary>The default set for <paramref name="nprox"/> proximal and <paramref name="ndist"/> distal evoked inputs.</summary>
    public static List<KeyValuePair<string, ParamValue>> For(int nprox, int ndist)
    {
        var set = new List<KeyValuePair<string, ParamValue>>(General.Length + L2Pyramidal.Length + L5Pyramidal.Length + 14 * (nprox + ndist));
        foreach (var (k, v) in General.Concat(L2Pyramidal).Concat(L5Pyramidal)) set.Add(new(k, v));
        AddEvoked(set, "evprox", nprox, ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"]);
        AddEvoked(set, "evdist", ndist, ["L2Pyr", "L5Pyr", "L2Basket"]);   // distal inputs never reach L5 baskets
        return set;
    }

    private static void AddEvoked(List<KeyValuePair<string, ParamValue>> set, string prefix, int n, string[] cells)
    {
        for (var i = 1; i <= n; i++)
        {
            var input = $"{prefix}_{i}";
            foreach (var cell in cells)
                foreach (var receptor in new[] { "ampa", "nmda" })
                    set.Add(new($"gbar_{input}_{cell}_{receptor}", F(0.0)));
            set.Add(new($"t_{input}", F(0.0)));
            set.Add(new($"sigma_t_{input}", F(0.0)));
            set.Add(new($"prng_seedcore_{input}", I(0)));
            set.Add(new($"numspikes_{input}", I(1)));
        }
    }

    private static ParamValue F(double v) => ParamValue.Float(v);
    private static ParamValue I(long v) => ParamValue.Integer(v);
    private static ParamValue S(string v) => ParamValue.String(v);

    private static readonly (string Key, ParamValue Value)[] General =
    [
        ("sim_prefix", S("default")),
        ("tstop", F(250.0)),
        ("N_pyr_x", I(1)),
        ("N_pyr_y", I(1)),
        ("L2Basket_Gauss_A_weight", F(0.0)),
        ("L2Basket_Gauss_mu", F(2000.0)),
        ("L2Basket_Gauss_sigma", F(3.6)),
        ("L2Basket_Pois_A_weight_ampa", F(0.0)),
        ("L2Basket_Pois_A_weight_nmda", F(0.0)),
        ("L2Basket_Pois_lamtha", F(0.0)),
        ("L2Pyr_Gauss_A_weight", F(0.0)),
        ("L2Pyr_Gauss_mu", F(2000.0)),
        ("L2Pyr_Gauss_sigma", F(3.6)),
        ("L2Pyr_Pois_A_weight_ampa", F(0.0)),
        ("L2Pyr_Pois_A_weight_nmda", F(0.0)),
        ("L2Pyr_Pois_lamtha", F(0.0)),
        ("L5Pyr_Gauss_A_weight", F(0.0)),
        ("L5Pyr_Gauss_mu", F(2000.0)),
        ("L5Pyr_Gauss_sigma", F(4.8)),
        ("L5Pyr_Pois_A_weight_ampa", F(0.0)),
        ("L5Pyr_Pois_A_weight_nmda", F(0.0)),
        ("L5Pyr_Pois_lamtha", F(0.0)),
        ("L5Basket_Gauss_A_weight", F(0.0)),
        ("L5Basket_Gauss_mu", F(2000.0)),
        ("L5Basket_Gauss_sigma", F(2.0)),
        ("L5Basket_Pois_A_weight_ampa", F(0.0)),
        ("L5Basket_Pois_A_weight_nmda", F(0.0)),
        ("L5Basket_Pois_lamtha", F(0.0)),
        ("gbar_L2Pyr_L2Pyr_ampa", F(0.0)),
        ("gbar_L2Pyr_L2Pyr_nmda", F(0.0)),
        ("gbar_L2Basket_L2Pyr_gabaa", F(0.0)),
        ("gbar_L2Basket_L2Pyr_gabab", F(0.0)),
        ("gbar_L2Pyr_L2Basket", F(0.0)),
        ("gbar_L2Basket_L2Basket", F(0.0)),
        ("gbar_L5Pyr_L5Pyr_ampa", F(0.0)),
        ("gbar_L5Pyr_L5Pyr_nmda", F(0.0)),
        ("gbar_L2Pyr_L5Pyr", F(0.0)),
        ("gbar_L2Basket_L5Pyr", F(0.0)),
        ("gbar_L5Basket_L5Pyr_gabaa", F(0.0)),
        ("gbar_L5Basket_L5Pyr_gabab", F(0.0)),
        ("gbar_L5Basket_L5Basket", F(0.0)),
        ("gbar_L5Pyr_L5Basket", F(0.0)),
        ("gbar_L2Pyr_L5Basket", F(0.0)),
        ("distribution_prox", S("normal")),
        ("t0_input_prox", F(1000.0)),
        ("tstop_input_prox", F(250.0)),
        ("f_input_prox", F(10.0)),
        ("f_stdev_prox", F(20.0)),
        ("events_per_cycle_prox", I(2)),
        ("repeats_prox", I(10)),
        ("t0_input_stdev_prox", F(0.0)),
        ("distribution_dist", S("normal")),
        ("t0_input_dist", F(1000.0)),
        ("tstop_input_dist", F(250.0)),
        ("f_input_dist", F(10.0)),
        ("f_stdev_dist", F(20.0)),
        ("events_per_cycle_dist", I(2)),
        ("repeats_dist", I(10)),
        ("t0_input_stdev_dist", F(0.0)),
        ("input_prox_A_weight_L2Pyr_ampa", F(0.0)),
        ("input_prox_A_weight_L2Pyr_nmda", F(0.0)),
        ("input_prox_A_weight_L5Pyr_ampa", F(0.0)),
        ("input_prox_A_weight_L5Pyr_nmda", F(0.0)),
        ("input_prox_A_weight_L2Basket_ampa", F(0.0)),
        ("input_prox_A_weight_L2Basket_nmda", F(0.0)),
        ("input_prox_A_weight_L5Basket_ampa", F(0.0)),
        ("input_prox_A_weight_L5Basket_nmda", F(0.0)),
        ("input_prox_A_delay_L2", F(0.1)),
        ("input_prox_A_delay_L5", F(1.0)),
        ("input_dist_A_weight_L2Pyr_ampa", F(0.0)),
        ("input_dist_A_weight_L2Pyr_nmda", F(0.0)),
        ("input_dist_A_weight_L5Pyr_ampa", F(0.0)),
        ("input_dist_A_weight_L5Pyr_nmda", F(0.0)),
        ("input_dist_A_weight_L2Basket_ampa", F(0.0)),
        ("input_dist_A_weight_L2Basket_nmda", F(0.0)),
        ("input_dist_A_delay_L2", F(5.0)),
        ("input_dist_A_delay_L5", F(5.0)),
        ("dt_evprox0_evdist", I(-1)),
        ("dt_evprox0_evprox1", I(-1)),
        ("sync_evinput", I(1)),
        ("inc_evinput", F(0.0)),
        ("save_spec_data", I(0)),
        ("f_max_spec", F(40.0)),
        ("spec_cmap", S("jet")),
        ("dipole_scalefctr", F(30000.0)),
        ("dipole_smooth_win", F(15.0)),
        ("save_figs", I(0)),
        ("save_dpl", I(0)),
        ("record_vsoma", I(0)),
        ("record_isoma", I(0)),
        ("record_vsec", I(0)),
        ("record_isec", I(0)),
        ("record_ca", I(0)),
        ("N_trials", I(1)),
        ("prng_seedcore_input_prox", I(0)),
        ("prng_seedcore_input_dist", I(0)),
        ("prng_seedcore_extpois", I(0)),
        ("prng_seedcore_extgauss", I(0)),
        ("t0_pois", F(0.0)),
        ("T_pois", I(-1)),
        ("dt", F(0.025)),
        ("celsius", F(37.0)),
        ("threshold", F(0.0)),
    ];

    private static readonly (string Key, ParamValue Value)[] L2Pyramidal =
    [
        ("L2Pyr_soma_L", F(22.1)),
        ("L2Pyr_soma_diam", F(23.4)),
        ("L2Pyr_soma_cm", F(0.6195)),
        ("L2Pyr_soma_Ra", F(200.0)),
        ("L2Pyr_dend_cm", F(0.6195)),
        ("L2Pyr_dend_Ra", F(200.0)),
        ("L2Pyr_apicaltrunk_L", F(59.5)),
        ("L2Pyr_apicaltrunk_diam", F(4.25)),
        ("L2Pyr_apical1_L", F(306.0)),
        ("L2Pyr_apical1_diam", F(4.08)),
        ("L2Pyr_apicaltuft_L", F(238.0)),
        ("L2Pyr_apicaltuft_diam", F(3.4)),
        ("L2Pyr_apicaloblique_L", F(340.0)),
        ("L2Pyr_apicaloblique_diam", F(3.91)),
        ("L2Pyr_basal1_L", F(85.0)),
        ("L2Pyr_basal1_diam", F(4.25)),
        ("L2Pyr_basal2_L", F(255.0)),
        ("L2Pyr_basal2_diam", F(2.72)),
        ("L2Pyr_basal3_L", F(255.0)),
        ("L2Pyr_basal3_diam", F(2.72)),
        ("L2Pyr_ampa_e", F(0.0)),
        ("L2Pyr_ampa_tau1", F(0.5)),
        ("L2Pyr_ampa_tau2", F(5.0)),
        ("L2Pyr_nmda_e", F(0.0)),
        ("L2Pyr_nmda_tau1", F(1.0)),
        ("L2Pyr_nmda_tau2", F(20.0)),
        ("L2Pyr_gabaa_e", F(-80.0)),
        ("L2Pyr_gabaa_tau1", F(0.5)),
        ("L2Pyr_gabaa_tau2", F(5.0)),
        ("L2Pyr_gabab_e", F(-80.0)),
        ("L2Pyr_gabab_tau1", F(1.0)),
        ("L2Pyr_gabab_tau2", F(20.0)),
        ("L2Pyr_soma_gkbar_hh2", F(0.01)),
        ("L2Pyr_soma_gnabar_hh2", F(0.18)),
        ("L2Pyr_soma_el_hh2", F(-65.0)),
        ("L2Pyr_soma_gl_hh2", F(4.26e-05)),
        ("L2Pyr_soma_gbar_km", F(250.0)),
        ("L2Pyr_dend_gkbar_hh2", F(0.01)),
        ("L2Pyr_dend_gnabar_hh2", F(0.15)),
        ("L2Pyr_dend_el_hh2", F(-65.0)),
        ("L2Pyr_dend_gl_hh2", F(4.26e-05)),
        ("L2Pyr_dend_gbar_km", F(250.0)),
    ];

    private static readonly (string Key, ParamValue Value)[] L5Pyramidal =
    [
        ("L5Pyr_soma_L", F(39.0)),
        ("L5Pyr_soma_diam", F(28.9)),
        ("L5Pyr_soma_cm", F(0.85)),
        ("L5Pyr_soma_Ra", F(200.0)),
        ("L5Pyr_dend_cm", F(0.85)),
        ("L5Pyr_dend_Ra", F(200.0)),
        ("L5Pyr_apicaltrunk_L", F(102.0)),
        ("L5Pyr_apicaltrunk_diam", F(10.2)),
        ("L5Pyr_apical1_L", F(680.0)),
        ("L5Pyr_apical1_diam", F(7.48)),
        ("L5Pyr_apical2_L", F(680.0)),
        ("L5Pyr_apical2_diam", F(4.93)),
        ("L5Pyr_apicaltuft_L", F(425.0)),
        ("L5Pyr_apicaltuft_diam", F(3.4)),
        ("L5Pyr_apicaloblique_L", F(255.0)),
        ("L5Pyr_apicaloblique_diam", F(5.1)),
        ("L5Pyr_basal1_L", F(85.0)),
        ("L5Pyr_basal1_diam", F(6.8)),
        ("L5Pyr_basal2_L", F(255.0)),
        ("L5Pyr_basal2_diam", F(8.5)),
        ("L5Pyr_basal3_L", F(255.0)),
        ("L5Pyr_basal3_diam", F(8.5)),
        ("L5Pyr_ampa_e", F(0.0)),
        ("L5Pyr_ampa_tau1", F(0.5)),
        ("L5Pyr_ampa_tau2", F(5.0)),
        ("L5Pyr_nmda_e", F(0.0)),
        ("L5Pyr_nmda_tau1", F(1.0)),
        ("L5Pyr_nmda_tau2", F(20.0)),
        ("L5Pyr_gabaa_e", F(-80.0)),
        ("L5Pyr_gabaa_tau1", F(0.5)),
        ("L5Pyr_gabaa_tau2", F(5.0)),
        ("L5Pyr_gabab_e", F(-80.0)),
        ("L5Pyr_gabab_tau1", F(1.0)),
        ("L5Pyr_gabab_tau2", F(20.0)),
        ("L5Pyr_soma_gkbar_hh2", F(0.01)),
        ("L5Pyr_soma_gnabar_hh2", F(0.16)),
        ("L5Pyr_soma_el_hh2", F(-65.0)),
        ("L5Pyr_soma_gl_hh2", F(4.26e-05)),
        ("L5Pyr_soma_gbar_ca", F(60.0)),
        ("L5Pyr_soma_taur_cad", F(20.0)),
        ("L5Pyr_soma_gbar_kca", F(0.0002)),
        ("L5Pyr_soma_gbar_km", F(200.0)),
        ("L5Pyr_soma_gbar_cat", F(0.0002)),
        ("L5Pyr_soma_gbar_ar", F(1e-06)),
        ("L5Pyr_dend_gkbar_hh2", F(0.01)),
        ("L5Pyr_dend_gnabar_hh2", F(0.14)),
        ("L5Pyr_dend_el_hh2", F(-71.0)),
        ("L5Pyr_dend_gl_hh2", F(4.26e-05)),
        ("L5Pyr_dend_gbar_ca", F(60.0)),
        ("L5Pyr_dend_taur_cad", F(20.0)),
        ("L5Pyr_dend_gbar_kca", F(0.0002)),
        ("L5Pyr_dend_gbar_km", F(200.0)),
        ("L5Pyr_dend_gbar_cat", F(0.0002)),
        ("L5Pyr_dend_gbar_ar", F(1e-06)),
    ];
}
