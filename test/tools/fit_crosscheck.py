#!/usr/bin/env python3
"""Fits the one-compartment oral model (closed form, superposition over doses) with SciPy's least_squares, as a
cross-check of ldn-sim's fitter (test/engine/fit-scipy.test.ts).

Input (JSON on stdin): {"error": "additive"|"proportional", "estimate": [names], "start": {name: value},
"fixed": {name: value}, "bounds": {name: [lo|null, hi|null]}, "groups": {name: [[time_h, amt_mg], ...]},
"observations": [{"group", "time_h", "value", "sd"?, "cv"?}]}.
Parameters are estimated as ln(value) within ln(bounds). Output: {"estimates": {name: value}, "se_log": {name: se},
"objective": ssr}, with cov = inv(J'J) * ssr / (n - p) (curve_fit's default).
"""
import json, math, sys
import numpy as np
from scipy.optimize import least_squares

prob = json.load(sys.stdin)
names = prob["estimate"]


def conc(par, doses, t):
    ka, cl, v, f = par["ka_per_h"], par["cl_l_per_h"], par["v_l"], par.get("f", 1.0)
    k = cl / v
    c = 0.0
    for (td, amt) in doses:
        s = t - td
        if s > 0:
            c += f * amt * ka / (v * (ka - k)) * (math.exp(-k * s) - math.exp(-ka * s))
    return c


def resid(lx):
    par = dict(prob["fixed"]); par.update({n: math.exp(x) for n, x in zip(names, lx)})
    out = []
    for o in prob["observations"]:
        pred = conc(par, prob["groups"][o["group"]], o["time_h"])
        y = o["value"]
        if prob["error"] == "proportional":
            w = math.sqrt(math.log(1 + o["cv"] ** 2)) if "cv" in o else (math.sqrt(math.log(1 + (o["sd"] / y) ** 2)) if "sd" in o else 1.0)
            out.append((math.log(pred) - math.log(y)) / w)
        else:
            w = o["sd"] if "sd" in o else (o["cv"] * abs(y) if "cv" in o else 1.0)
            out.append((pred - y) / w)
    return np.array(out)


# A bound of null is open-ended (a parameter > 0 on the log scale: the whole axis).
lo = [-np.inf if prob["bounds"][n][0] is None else math.log(prob["bounds"][n][0]) for n in names]
hi = [np.inf if prob["bounds"][n][1] is None else math.log(prob["bounds"][n][1]) for n in names]
x0 = [math.log(prob["start"][n]) for n in names]
sol = least_squares(resid, x0, bounds=(lo, hi), jac="3-point", method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15, x_scale="jac")
J = sol.jac
r = sol.fun
n, p = len(r), len(names)
ssr = float(r @ r)
cov = np.linalg.inv(J.T @ J) * ssr / (n - p)
print(json.dumps({
    "estimates": {nm: math.exp(x) for nm, x in zip(names, sol.x)},
    "se_log": {nm: math.sqrt(cov[i, i]) for i, nm in enumerate(names)},
    "objective": ssr,
    "status": int(sol.status),
}))
