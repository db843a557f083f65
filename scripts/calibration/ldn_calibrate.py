#!/usr/bin/env python3
"""Calibration of the `ldn` model's fitted parameters, from the model's own JSON export.

Usage:
    npx ldn-sim model ldn --json > /tmp/ldn.json
    python3 scripts/calibration/ldn_calibrate.py /tmp/ldn.json [--explore]

What it fits (targets: shared/science/naltrexone-data.md; primary sources in models/ldn.ts):
  1. Naltrexone PK (ka, CL/F, V/F): 50 mg Cmax 13.3 ng/mL and tmax ~1 h (Meyer 1984; Swiss product information),
     t1/2 ~4 h (Meyer 1984), 100 mg AUC0-24 200 ng.h/mL (Bertolotti 1997).
  2. 6b-naltrexol PK (CL/fm, V/fm): 50 mg Cmax ~108 ng/mL (Swiss PI), t1/2 12-13 h (Meyer 1984),
     100 mg AUC0-24 2467 ng.h/mL (Bertolotti 1997).
  3. kp_brain: peak mu occupancy within 8 h of single doses 2/5/15/50 mg = 27 / 43,46,58 / 61 / 92,98 %
     ([11C]carfentanil PET, Rabiner 2011), least squares over the individual values.
With --explore it also prints the blockade after 50 mg at 24/48/72 h and the 4.5 mg daily peak/trough for
alternative 6b-naltrexol brain parameters (docs/model.md, "Why this mechanism").

The model is rebuilt from the export alone (as shared/tools/crosscheck_scipy.py does), so the script follows
the model's equations; nothing in ldn-sim depends on Python at run time. Copy the printed values into models/ldn.ts.
"""
import json, math, sys
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares

class Model:
    """The model rebuilt from its export; `run` generates one Python function per parameter set (fast enough for fitting)."""

    def __init__(self, spec):
        self.spec = spec
        self.states = [s["name"] for s in spec["states"]]
        self.y0 = [float(s["initial"]) for s in spec["states"]]
        self.defaults = {p["name"]: float(p["value"]) for p in spec["parameters"]}
        self.doses = spec["doses"]
        self._cache = {}

    def _py(self, src):
        return str(src).replace("^", "**")

    def _compile(self, params):
        key = tuple(sorted((k, float(v)) for k, v in params.items()))
        if key in self._cache:
            return self._cache[key]
        lines = ["from math import exp, log, sqrt", "def f(t, y):"]
        lines += [f"    {k} = {float(v)!r}" for k, v in params.items()]
        lines += [f"    {s} = y[{i}]" for i, s in enumerate(self.states)]
        lines += [f"    {x['name']} = {self._py(x['expr'])}" for x in self.spec["expressions"]]
        body = list(lines)
        body.append("    return [" + ", ".join(self._py(self.spec["odes"][s]) for s in self.states) + "]")
        body.append("def g(t, y):")
        body += lines[2:]
        body.append("    return [" + ", ".join(self._py(o["expr"]) for o in self.spec["outputs"]) + "]")
        ns = {}
        exec("\n".join(body), ns)
        self._cache[key] = (ns["f"], ns["g"])
        return self._cache[key]

    def run(self, events, end_h, step_h=0.05, overrides=None):
        """events: list of (time_h, drug, amt_mg). Returns times and a dict of output columns."""
        params = dict(self.defaults); params.update(overrides or {})
        f, g = self._compile(params)
        inputs = []
        for (t, drug, amt) in events:
            for d in self.doses:
                if d["drug"] == drug:
                    lag = eval(self._py(d.get("lag_h", 0)), {"min": min, "max": max}, dict(params))
                    frac = eval(self._py(d.get("bioavailability", 1)), {"min": min, "max": max}, dict(params))
                    inputs.append((t + lag, self.states.index(d["state"]), amt * frac))
        grid = np.round(np.arange(0, end_h + 1e-9, step_h), 10)
        cuts = sorted(set([0.0, float(end_h)] + [t for t, _, _ in inputs if t < end_h]))
        y = np.array(self.y0, dtype=float)
        rows = []
        for a, b in zip(cuts[:-1], cuts[1:]):
            for t, i, amt in inputs:
                if abs(t - a) < 1e-12:
                    y[i] += amt
            last = b == cuts[-1]
            ts = grid[(grid >= a) & ((grid <= b) if last else (grid < b))]
            sol = solve_ivp(f, (a, b), y, method="LSODA", dense_output=True, rtol=1e-8, atol=1e-11)
            if len(ts):
                ys = sol.sol(ts)
                rows += [g(t, ys[:, k]) for k, t in enumerate(ts)]
            y = sol.y[:, -1].copy()
        data = np.array(rows)
        return grid, {o["name"]: data[:, j] for j, o in enumerate(self.spec["outputs"])}


def pk_metrics(m, dose, ov):
    t, c = m.run([(0, "naltrexone", dose)], 72, 0.02, ov)
    res = {}
    for key, col in (("nal", "naltrexone_plasma_ng_per_ml"), ("nol", "naltrexol_plasma_ng_per_ml")):
        x = c[col]
        i = int(np.argmax(x))
        lo, hi = (12, 24) if key == "nal" else (24, 72)
        sel = (t >= lo) & (t <= hi)
        slope = np.polyfit(t[sel], np.log(x[sel]), 1)[0]
        auc24 = np.trapezoid(x[t <= 24], t[t <= 24])
        res[key] = dict(cmax=x[i], tmax=t[i], thalf=-math.log(2) / slope, auc24=auc24)
    return res


def fit_pk(m):
    names = ["ka_naltrexone_per_h", "cl_f_naltrexone_l_per_h", "v_f_naltrexone_l", "cl_app_naltrexol_l_per_h", "v_app_naltrexol_l"]
    x0 = [m.defaults[n] for n in names]

    # Log residuals; weights: half-lives x3 (published as narrow ranges, ~4 h and 12-13 h), tmax x0.5 (sparse sampling).
    def resid(lx):
        ov = dict(zip(names, np.exp(lx)))
        r50 = pk_metrics(m, 50, ov); r100 = pk_metrics(m, 100, ov)
        n, o = r50["nal"], r50["nol"]
        return [
            math.log(n["cmax"] / 13.3), 0.5 * math.log(n["tmax"] / 1.0), 3 * math.log(n["thalf"] / 4.0),
            math.log(r100["nal"]["auc24"] / 200.0),
            math.log(o["cmax"] / 108.0), 3 * math.log(o["thalf"] / 12.5), math.log(r100["nol"]["auc24"] / 2467.0),
        ]

    sol = least_squares(resid, np.log(x0), diff_step=1e-3)
    return dict(zip(names, np.exp(sol.x)))


PET = [(2, [0.27]), (5, [0.43, 0.46, 0.58]), (15, [0.61]), (50, [0.92, 0.98])]  # Rabiner 2011


def peak_occ(m, dose, ov):
    t, c = m.run([(0, "naltrexone", dose)], 8, 0.05, ov)
    return float(np.max(c["mu_blockade"]))


def fit_pet(m, ov):
    def resid(lk):
        o = dict(ov); o["kp_brain"] = float(np.exp(lk[0]))
        return [peak_occ(m, d, o) - v for d, vals in PET for v in vals]
    # Start from the value already in `ov` when there is one (a refit of a variant), else the model's.
    sol = least_squares(resid, [math.log(ov.get("kp_brain", m.defaults["kp_brain"]))], diff_step=1e-3)
    return float(np.exp(sol.x[0]))


def explore(m, ov):
    print("\nAlternatives (blockade after one 50 mg dose; 4.5 mg daily at steady state, day 21):")
    print(f"{'variant':44s} {'B24h':>6s} {'B48h':>6s} {'B72h':>6s} {'LDNpeak':>8s} {'LDNtrough':>9s} {'PETrms':>7s}")
    variants = [("as calibrated", {})]
    for th in (0.5, 2, 6, 12):
        variants.append((f"t_half_brain_naltrexol_h = {th}", {"t_half_brain_naltrexol_h": th}))
    for kp in (0.3, 0.1, 0.03, 0.0):
        variants.append((f"kp_naltrexol_rel = {kp}", {"kp_naltrexol_rel": max(kp, 1e-9)}))
    for name, extra in variants:
        o = dict(ov); o.update(extra)
        o["kp_brain"] = fit_pet(m, o)
        t, c = m.run([(0, "naltrexone", 50)], 73, 0.25, o)
        b = c["mu_blockade"]
        at = lambda h: float(np.interp(h, t, b))
        t2, c2 = m.run([(24 * k, "naltrexone", 4.5) for k in range(22)], 24 * 22, 0.25, o)
        day = (t2 >= 24 * 21) & (t2 <= 24 * 22)
        rms = math.sqrt(np.mean([(peak_occ(m, d, o) - v) ** 2 for d, vals in PET for v in vals]))
        print(f"{name:44s} {at(24):6.2f} {at(48):6.2f} {at(72):6.2f} {np.max(c2['mu_blockade'][day]):8.2f} "
              f"{c2['mu_blockade'][day][-1]:9.2f} {rms:7.3f}   (kp_brain {o['kp_brain']:.3f})")


def main():
    spec = json.load(open(sys.argv[1]))
    m = Model(spec)
    pk = fit_pk(m)
    print("PK fit:")
    for k, v in pk.items():
        print(f"  {k} = {v:.4g}")
    for dose in (50, 100):
        r = pk_metrics(m, dose, pk)
        for key in ("nal", "nol"):
            x = r[key]
            print(f"  {dose} mg {key}: Cmax {x['cmax']:.2f} ng/mL, tmax {x['tmax']:.2f} h, t1/2 {x['thalf']:.2f} h, AUC0-24 {x['auc24']:.0f} ng.h/mL")
    kp = fit_pet(m, pk)
    ov = dict(pk); ov["kp_brain"] = kp
    print(f"PET fit: kp_brain = {kp:.4g} (in vivo KB = Ki/kp = {m.defaults['ki_naltrexone_mu_nm'] / kp:.3g} nM unbound)")
    for d, vals in PET:
        print(f"  {d:>3} mg: model peak {100 * peak_occ(m, d, ov):5.1f}%  PET {', '.join(f'{100 * v:.0f}%' for v in vals)}")
    if "--explore" in sys.argv:
        explore(m, ov)


if __name__ == "__main__":
    main()
