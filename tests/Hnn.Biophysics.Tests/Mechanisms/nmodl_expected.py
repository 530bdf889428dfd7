#!/usr/bin/env python3
"""Expected values for tests/Hnn.Biophysics.Tests/Mechanisms/*: the formulas of HNN-core v0.6.1's
hnn_core/mod/*.mod (and NEURON's exp2syn.mod), evaluated with plain `math` at celsius = 37.
Independent of the C# code. Run: python3 nmodl_expected.py > values.txt"""
import math

celsius = 37.0

def vtrap(x, y):                       # hh2.mod FUNCTION vtrap
    if abs(x / y) < 1e-6:
        return y * (1 - x / y / 2)
    return x / (math.exp(x / y) - 1)

def hh2(v):                            # hh2.mod PROCEDURE rates; outputs minf, mtau, hinf, htau, ninf, ntau
    q10 = 3 ** ((celsius - 6.3 - 30.7) / 10)
    a = .1 * vtrap(-(v + 40), 10); b = 4 * math.exp(-(v + 65) / 18); s = a + b
    mtau = 1 / (q10 * s); minf = a / s
    a = .07 * math.exp(-(v + 65) / 20); b = 1 / (math.exp(-(v + 35) / 10) + 1); s = a + b
    htau = 1 / (q10 * s); hinf = a / s
    a = .01 * vtrap(-(v + 55), 10); b = .125 * math.exp(-(v + 65) / 80); s = a + b
    ntau = 1 / (q10 * s); ninf = a / s
    return [minf, mtau, hinf, htau, ninf, ntau]

def tadj():                            # km/ca/kca: q10^((celsius - temp - tshift)/10)
    return 2.3 ** ((celsius - 23 - 30.7) / 10)

def ca(vm):                            # ca.mod PROCEDURE rates; outputs minf, hinf, mtau, htau
    t = tadj()
    a = 0.055 * (-27 - vm) / (math.exp((-27 - vm) / 3.8) - 1); b = 0.94 * math.exp((-75 - vm) / 17)
    mtau = 1 / t / (a + b); minf = a / (a + b)
    a = 0.000457 * math.exp((-13 - vm) / 50); b = 0.0065 / (math.exp((-vm - 15) / 28) + 1)
    htau = 1 / t / (a + b); hinf = a / (a + b)
    return [minf, hinf, mtau, htau]

def km(v):                             # km.mod PROCEDURE rates; outputs ninf, ntau
    tha, qa, Ra, Rb = -30, 9, 0.001, 0.001
    a = Ra * (v - tha) / (1 - math.exp(-(v - tha) / qa))
    b = -Rb * (v - tha) / (1 - math.exp((v - tha) / qa))
    t = tadj()
    return [a / (a + b), 1 / t / (a + b)]

def cat(v):                            # cat.mod PROCEDURE settables; outputs minf, mtau, hinf, htau
    minf = 1 / (1 + math.exp((-v - 56) / 6.2))
    mtau = 0.204 + 0.333 / (math.exp((v + 15.8) / 18.2) + math.exp((-v - 131) / 16.7))
    hinf = 1 / (1 + math.exp((v + 80) / 4))
    htau = 0.333 * math.exp((v + 466) / 66.6) if v < -81 else 9.32 + 0.333 * math.exp((-v - 21) / 10.5)
    return [minf, mtau, hinf, htau]

def ar(v):                             # ar.mod PROCEDURE settables; outputs minf, mtau
    return [1 / (1 + math.exp((v + 75) / 5.5)), 1 / (math.exp(-14.6 - 0.086 * v) + math.exp(-1.87 + 0.07 * v))]

def kca(cai):                          # kca.mod PROCEDURE rates (caix = 1); outputs ninf, ntau
    a = 0.01 * cai ** 1; b = 0.02
    return [a / (a + b), 1 / tadj() / (a + b)]

def exp2syn_factor(tau1, tau2):        # NEURON exp2syn.mod INITIAL
    if tau1 / tau2 > 0.9999: tau1 = 0.9999 * tau2
    if tau1 / tau2 < 1e-9: tau1 = tau2 * 1e-9
    tp = (tau1 * tau2) / (tau2 - tau1) * math.log(tau2 / tau1)
    return 1 / (-math.exp(-tp / tau1) + math.exp(-tp / tau2))

def table_x(lo, hi, n, i):             # NEURON TABLE grid: x accumulated, x += dx
    dx = (hi - lo) / n; x = lo
    for _ in range(i): x += dx
    return x

def lit(x): return repr(float(x))

def rows(name, f, args):
    print(f"// {name}")
    for v in args:
        print("        [" + lit(v) + ", " + ", ".join(lit(y) for y in f(v)) + "],")

volts = [-100.0, -80.0, -65.0, -55.0, -40.0, -35.5, -20.0, 0.0, 25.0, 60.0]
rows("hh2 (v, minf, mtau, hinf, htau, ninf, ntau)", hh2, volts + [-40.0 + 5e-6, -55.0 - 5e-6, -40.0 + 1e-4, -55.0 - 2e-4])
rows("ca (v, minf, hinf, mtau, htau)", ca, [-120.0, -90.0, -65.0, -40.0, -27.5, -10.0, 0.0, 30.0, 100.0])
rows("km (v, ninf, ntau)", km, [-120.0, -90.0, -65.0, -40.0, -30.5, -29.0, 0.0, 30.0, 100.0])
rows("cat (v, minf, mtau, hinf, htau)", cat, [-120.0, -100.0, -81.5, -81.0, -80.0, -65.0, -40.0, 0.0, 40.0])
rows("ar (v, minf, mtau)", ar, [-120.0, -100.0, -75.0, -65.0, -40.0, 0.0, 40.0])
rows("kca (cai mM, ninf, ntau)", kca, [0.0, 5e-5, 1e-4, 1e-3, 0.01, 1.0])
print("// exp2syn factor (tau1, tau2, factor)")
for t1, t2 in [(0.5, 5.0), (1.0, 20.0), (45.0, 200.0), (5.0, 5.0), (7.0, 5.0), (1e-12, 5.0)]:
    print(f"        [{lit(t1)}, {lit(t2)}, {lit(exp2syn_factor(t1, t2))}],")
print("// table nodes (mechanism, i, x_i, outputs at x_i)")
for name, f, lo, hi, n in [("hh2", hh2, -100, 100, 200), ("ca", ca, -120, 100, 199), ("km", km, -120, 100, 199),
                           ("cat", cat, -120, 40, 641), ("ar", ar, -120, 40, 641)]:
    for i in [0, 1, 73, n // 2, n - 1, n]:
        x = table_x(lo, hi, n, i)
        print(f"        [\"{name}\", {i}, {lit(x)}, " + ", ".join(lit(y) for y in f(x)) + "],")
print("// tadj", lit(tadj()), " hh2 q10", lit(3 ** ((celsius - 6.3 - 30.7) / 10)))

# --- one cnexp step (mechanisms.md §4: x + (1 - exp(-dt/tau))·(xinf - x)), dt = 0.025 ms
dt = 0.025
def cnexp(x, xinf, tau): return x + (1 - math.exp(dt * (-1 / tau))) * (xinf - x)

print("// kca one step (cai, n0, n1)")
for cai, n0 in [(1e-4, 0.0), (1e-3, 0.5), (0.05, 0.01), (2.0, 0.9)]:
    ninf, ntau = kca(cai)
    print(f"        [{lit(cai)}, {lit(n0)}, {lit(cnexp(n0, ninf, ntau))}],")

FARADAY_cad = 96485.3                  # nocmodl's legacy FARADAY (_nrnunit_FARADAY[1])
def cad_step(ca, ica, taur):           # cad.mod DERIVATIVE state, cnexp: x∞ = -(drive + cainf/taur)/(-1/taur)
    drive = -(10000) * ica / (2 * FARADAY_cad * 0.1)
    if drive <= 0.: drive = 0.
    cainf = 100e-6
    return ca + (1 - math.exp(dt * (-1 / taur))) * (-(drive + cainf / taur) / (-1 / taur) - ca)
print("// cad one step (ca0, ica mA/cm2, taur ms, ca1)")
for ca0, ica, taur in [(1e-4, 0.0, 20.0), (1e-4, -0.01, 20.0), (5e-4, -0.002, 200.0), (3e-4, 0.05, 20.0)]:
    print(f"        [{lit(ca0)}, {lit(ica)}, {lit(taur)}, {lit(cad_step(ca0, ica, taur))}],")

ktf = 1000 * 8.3134 * (celsius + 273.15) / 96485.309   # NEURON eion.cpp legacy R, FARADAY
def nernst_ca(ci, co): return ktf / 2 * math.log(co / ci)
print("// eca (cai, eca) at cao = 2")
for ci in [5e-5, 1e-4, 2.5e-4, 1e-3, 0.01, 2.0, 5.0]:
    print(f"        [{lit(ci)}, {lit(nernst_ca(ci, 2.0))}],")

print("// exp2syn one event of weight w then one step (tau1, tau2, w, A1, B1)")
for t1, t2, w in [(0.5, 5.0, 0.002), (1.0, 20.0, 0.0005)]:
    f = exp2syn_factor(t1, t2)
    A = w * f; B = w * f
    A1 = A + (1 - math.exp(dt * (-1 / t1))) * (0 - A); B1 = B + (1 - math.exp(dt * (-1 / t2))) * (0 - B)
    print(f"        [{lit(t1)}, {lit(t2)}, {lit(w)}, {lit(A1)}, {lit(B1)}],")

# --- TABLE lookup as NEURON does it (mechanisms.md §3): accumulated grid, xi = (v − lo)·(1/dx),
# clamped to entry 0 / N, linear interpolation; then INITIAL and one cnexp step per gate.
def make_table(f, lo, hi, n):
    dx = (hi - lo) / n; x = lo; t = []
    for _ in range(n + 1):
        t.append(f(x)); x += dx
    return lo, 1.0 / dx, n, t

def lookup(table, v, k):
    lo, mfac, n, t = table
    xi = mfac * (v - lo)
    if xi <= 0.: return t[0][k]
    if xi >= n: return t[n][k]
    i = int(xi); theta = xi - i
    return t[i][k] + theta * (t[i + 1][k] - t[i][k])

def gate_rows(name, f, lo, hi, n, gates, volts, x0):
    # gates: (inf index, tau index) per state; x0: initial state per gate
    table = make_table(f, lo, hi, n)
    print(f"// {name} table step (v, then per gate: x_inf(v), x after one step from x0 = {x0})")
    for v in volts:
        out = [v]
        for (ki, kt), x in zip(gates, x0):
            xinf, tau = lookup(table, v, ki), lookup(table, v, kt)
            out += [xinf, cnexp(x, xinf, tau)]
        print("        [" + ", ".join(lit(y) for y in out) + "],")

gate_rows("hh2", hh2, -100, 100, 200, [(0, 1), (2, 3), (4, 5)], [-65.3, -20.7, 55.55, 120.0], [0.1, 0.6, 0.3])
gate_rows("ca", ca, -120, 100, 199, [(0, 2), (1, 3)], [-65.3, -27.0, 33.3, -150.0], [0.01, 0.5])
gate_rows("km", km, -120, 100, 199, [(0, 1)], [-65.3, -30.0, 12.34, 250.0], [0.05])
gate_rows("cat", cat, -120, 40, 641, [(0, 1), (2, 3)], [-65.3, -81.2, 45.0, -130.0], [0.2, 0.4])
gate_rows("ar", ar, -120, 40, 641, [(0, 1)], [-65.3, -75.01, 45.0, -130.0], [0.25])
