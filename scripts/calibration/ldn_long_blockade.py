#!/usr/bin/env python3
"""Issue #4: can any data-backed structure give near-complete mu blockade under 50 mg daily AND a partial LDN
blockade that mostly clears between daily doses? Explores the candidates and prints the numbers in docs/model.md
("The long blockade after 50 mg: candidates and a bound").

Usage:
    npx ldn-sim model ldn --json > /tmp/ldn.json
    python3 scripts/calibration/ldn_long_blockade.py /tmp/ldn.json

Candidates (each refits what the changed structure affects; kp_brain is always refitted to the PET table):
  * the model as it is (6β-naltrexol with slow brain equilibration);
  * naltrexone's slow terminal phase (8.9–10 h at low concentrations; Meyer 1984, Wall 1981, Kjome & Moeller 2011):
    a peripheral compartment, terminal half-life 9.5 h, carrying a fraction phi of the naltrexone AUC; ka, V1/F and
    the fast phase are refitted to Cmax 13.3 ng/mL, tmax ~1 h, t1/2 ~4 h (log-linear fit over 8-24 h, as the test
    does) and 100 mg AUC0-24 200 ng.h/mL. 6β-naltrexol is unaffected (the same total amount is metabolised);
  * the terminal phase alone (no 6β-naltrexol in the brain);
  * 6β-naltrexol brain parameters at the ends of their ranges (in vivo central potency 1/16 to 1/71 of naltrexone:
    kp_naltrexol_rel 0.131 to 0.030; brain equilibration half-time up to 24 h);
  * combinations, to push the 50 mg daily trough as high as the data allow.

It also checks the structure-independent bound (docs/model.md): with PK and brain kinetics linear in dose and
competitive quasi-steady binding, blockade = x/(K + x) with x linear in dose, so at every time of a daily course
x(4.5 mg) = 0.09 x(50 mg), and the LDN trough follows from the 50 mg daily trough T alone:
    T_LDN >= 0.09 r / (1 + 0.09 r),  r = T / (1 - T)        (equality when the endogenous term K is equal)
"""
import copy, json, math, os, sys
import numpy as np
from scipy.optimize import least_squares

sys.path.insert(0, os.path.dirname(__file__))
from ldn_calibrate import Model, PET, fit_pet, peak_occ  # noqa: E402

LN2 = math.log(2)
T_BETA_H = 9.5  # terminal half-life: middle of 8.9-10 h (Meyer 1984; Wall 1981; Kjome & Moeller 2011)


def with_terminal_phase(spec):
    """The exported model plus a peripheral naltrexone compartment (amounts; apparent oral Q/F and V2/F)."""
    s = copy.deepcopy(spec)
    s["parameters"] += [
        {"name": "q_f_naltrexone_l_per_h", "value": 0.0, "unit": "L/h", "label": "", "source": "explore"},
        {"name": "v2_f_naltrexone_l", "value": 1000.0, "unit": "L", "label": "", "source": "explore"},
    ]
    s["states"].insert(2, {"name": "naltrexone_periph_mg", "unit": "mg", "initial": 0})
    s["odes"]["naltrexone_mg"] += " - q_f_naltrexone_l_per_h / v_f_naltrexone_l * naltrexone_mg + q_f_naltrexone_l_per_h / v2_f_naltrexone_l * naltrexone_periph_mg"
    s["odes"]["naltrexone_periph_mg"] = "q_f_naltrexone_l_per_h / v_f_naltrexone_l * naltrexone_mg - q_f_naltrexone_l_per_h / v2_f_naltrexone_l * naltrexone_periph_mg"
    return s


def micro(alpha, beta, phi, v1):
    """Apparent oral (V1/F, CL/F, Q/F, V2/F) from the disposition exponents and the terminal fraction phi of the AUC."""
    # impulse response A e^-at + B e^-bt with (B/b) / (A/a + B/b) = phi, A + B = 1 (per unit concentration)
    A = (1 - phi) * alpha / ((1 - phi) * alpha + phi * beta)
    B = 1 - A
    k21 = A * beta + B * alpha
    k10 = alpha * beta / k21
    k12 = alpha + beta - k21 - k10
    return dict(v_f_naltrexone_l=v1, cl_f_naltrexone_l_per_h=v1 * k10, q_f_naltrexone_l_per_h=v1 * k12,
                v2_f_naltrexone_l=v1 * k12 / k21)


def nal_metrics(m, ov):
    t, c = m.run([(0, "naltrexone", 50)], 48, 0.02, ov)
    x = c["naltrexone_plasma_ng_per_ml"]
    i = int(np.argmax(x))
    sel = (t >= 8) & (t <= 24)
    th = -LN2 / np.polyfit(t[sel], np.log(x[sel]), 1)[0]
    t2, c2 = m.run([(0, "naltrexone", 100)], 24, 0.02, ov)
    auc = np.trapezoid(c2["naltrexone_plasma_ng_per_ml"], t2)
    return dict(cmax=x[i], tmax=t[i], thalf=th, auc100=auc, c24=float(np.interp(24, t, x)), c48=float(np.interp(48, t, x)))


def fit_terminal(m, phi, base):
    """Refit ka, the fast phase and V1/F for a terminal fraction phi (as ldn_calibrate.fit_pk weights them)."""
    beta = LN2 / T_BETA_H

    def ov_of(lx):
        ka, alpha, v1 = np.exp(lx)
        o = dict(base); o["ka_naltrexone_per_h"] = ka
        o.update(micro(alpha, beta, phi, v1))
        return o

    def resid(lx):
        r = nal_metrics(m, ov_of(lx))
        return [math.log(r["cmax"] / 13.3), 0.5 * math.log(r["tmax"] / 1.0), 3 * math.log(r["thalf"] / 4.0), math.log(r["auc100"] / 200.0)]

    x0 = np.log([base["ka_naltrexone_per_h"], LN2 / 3.5, base["v_f_naltrexone_l"]])
    sol = least_squares(resid, x0, diff_step=1e-3)
    return ov_of(sol.x)


def bound(T):
    r = 0.09 * T / (1 - T)
    return r / (1 + r)


def evaluate(m, ov):
    o = dict(ov); o["kp_brain"] = fit_pet(m, o)
    pet = [peak_occ(m, d, o) for d, _ in PET]
    rms = math.sqrt(np.mean([(p - v) ** 2 for p, (d, vals) in zip(pet, PET) for v in vals]))
    worst = max(abs(p - v) for p, (d, vals) in zip(pet, PET) for v in vals)
    t, c = m.run([(0, "naltrexone", 50)], 73, 0.25, o)
    b = c["mu_blockade"]
    single = [float(np.interp(h, t, b)) for h in (24, 48, 72)]
    days = 14
    t, c = m.run([(24 * k, "naltrexone", 50) for k in range(days)], 24 * days, 0.25, o)
    b = c["mu_blockade"]
    d2 = float(np.min(b[(t >= 2) & (t <= 48)]))
    last = (t >= 24 * (days - 1)) & (t <= 24 * days)
    ss50 = (float(np.min(b[last])), float(np.max(b[last])))
    days = 21
    t, c = m.run([(24 * k, "naltrexone", 4.5) for k in range(days)], 24 * days, 0.1, o)
    b = c["mu_blockade"]
    first = b[t <= 23.9 + 1e-9]
    last = (t >= 24 * (days - 1)) & (t <= 24 * days - 0.1 + 1e-9)
    ldn = dict(p1=float(np.max(first)), t1=float(first[-1]), pss=float(np.max(b[last])), tss=float(b[last][-1]))
    return dict(kp=o["kp_brain"], pet=pet, rms=rms, worst=worst, single=single, d2=d2, ss50=ss50, ldn=ldn)


def main():
    spec = json.load(open(sys.argv[1]))
    m0 = Model(spec)
    m1 = Model(with_terminal_phase(spec))
    base = dict(m0.defaults)
    rows = [("as is (6β-naltrexol brain t½ 12 h, kp_rel 0.1)", m0, {})]
    fits = {}
    for phi in (0.1, 0.2, 0.3):
        ov = fit_terminal(m1, phi, base)
        fits[phi] = ov
        r = nal_metrics(m1, ov)
        print(f"terminal phase phi={phi}: ka {ov['ka_naltrexone_per_h']:.2f} /h, V1/F {ov['v_f_naltrexone_l']:.0f} L, CL/F {ov['cl_f_naltrexone_l_per_h']:.0f} L/h, "
              f"Q/F {ov['q_f_naltrexone_l_per_h']:.0f} L/h, V2/F {ov['v2_f_naltrexone_l']:.0f} L -> Cmax {r['cmax']:.1f}, tmax {r['tmax']:.2f} h, "
              f"t1/2(8-24 h) {r['thalf']:.2f} h, AUC0-24(100 mg) {r['auc100']:.0f}, C24 {r['c24']:.3f}, C48 {r['c48']:.3f} ng/mL")
        rows.append((f"+ naltrexone terminal phase, {int(100 * phi)}% of AUC", m1, ov))
    rows.append(("terminal phase 30%, no 6β-naltrexol in the brain", m1, {**fits[0.3], "kp_naltrexol_rel": 1e-9}))
    rows.append(("kp_rel 0.131 (6β-naltrexol 1/16 of naltrexone, mouse)", m0, {"kp_naltrexol_rel": 0.131}))
    rows.append(("kp_rel 0.030 (1/71, monkey)", m0, {"kp_naltrexol_rel": 0.0296}))
    rows.append(("6β-naltrexol brain t½ 24 h", m0, {"t_half_brain_naltrexol_h": 24}))
    rows.append(("kp_rel 0.131, brain t½ 24 h", m0, {"kp_naltrexol_rel": 0.131, "t_half_brain_naltrexol_h": 24}))
    rows.append(("kp_rel 0.131, brain t½ 24 h, terminal 30%", m1, {**fits[0.3], "kp_naltrexol_rel": 0.131, "t_half_brain_naltrexol_h": 24}))
    # Every data-backed lever at the end of its range: 6β-naltrexol AUC0-24 at +1 SD (3197 ng.h/mL, Bertolotti 1997) via
    # CL/fm 23.6 x 2798/3197, plasma t1/2 13 h (Meyer 1984) via V/fm = CL/fm x 13 / ln 2; the terminal phase at the
    # largest fraction that keeps the 8-24 h half-life within 3.5-4.5 h (20%).
    cl_hi = base["cl_app_naltrexol_l_per_h"] * 2798 / 3197
    ends = {**fits[0.2], "kp_naltrexol_rel": 0.131, "t_half_brain_naltrexol_h": 24,
            "cl_app_naltrexol_l_per_h": cl_hi, "v_app_naltrexol_l": cl_hi * 13 / LN2}
    rows.append(("all data-backed levers at their ends (see comment)", m1, ends))
    rows.append(("beyond the data: kp_rel 0.5 (4× less potent), brain t½ 24 h", m0, {"kp_naltrexol_rel": 0.5, "t_half_brain_naltrexol_h": 24}))
    print()
    hdr = f"{'candidate':58s} {'50mg 24/48/72 h':>16s} {'50d d2min':>9s} {'50d ss min-max':>14s} {'LDN d1 pk/23.9h':>16s} {'LDN ss pk/trough':>17s} {'bound':>6s} {'PET 2/5/15/50':>16s} {'rms/worst':>10s} {'kp':>5s}"
    print(hdr)
    for name, m, ov in rows:
        o = dict(base); o.update(ov)
        e = evaluate(m, o)
        s = e["single"]; l = e["ldn"]
        print(f"{name:58s} {s[0]*100:4.0f}/{s[1]*100:3.0f}/{s[2]*100:3.0f}     {e['d2']*100:8.0f}% {e['ss50'][0]*100:6.0f}-{e['ss50'][1]*100:3.0f}%    "
              f"{l['p1']*100:6.0f}/{l['t1']*100:3.0f}%      {l['pss']*100:6.0f}/{l['tss']*100:3.0f}%     {bound(e['ss50'][0])*100:4.0f}% "
              f"{'/'.join(f'{p*100:.0f}' for p in e['pet']):>16s} {e['rms']*100:4.1f}/{e['worst']*100:4.1f} {e['kp']:5.3f}", flush=True)
    print("\nBound: LDN trough implied by a 50 mg daily trough T (x linear in dose, equal K):")
    print("  " + ", ".join(f"T={T:.2f} -> {bound(T)*100:.0f}%" for T in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7)))


if __name__ == "__main__":
    main()
