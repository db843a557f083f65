#!/usr/bin/env python3
"""Reference timing for `npm run bench`: SciPy solves the one-compartment 24-h course that ldn-sim times.

Same problem as bench/sections/simulate.ts: one oral dose at 0 h into the gut depot, first-order absorption
(ka) into the central compartment, first-order elimination (CL/V); LSODA, rtol 1e-9, atol 1e-12, output on the
5-min grid (t_eval). Parameters come from the command line (the bench passes the model's defaults).

Prints one JSON object: timings in ms (median, min, p95, n) and the concentration curve's peak and final
value, so the bench can check that both solved the same problem.
"""
import argparse
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dose-mg", type=float, default=50.0)
    ap.add_argument("--f", type=float, default=1.0)
    ap.add_argument("--ka-per-h", type=float, default=2.0)
    ap.add_argument("--cl-l-per-h", type=float, default=475.0)
    ap.add_argument("--v-l", type=float, default=3000.0)
    ap.add_argument("--end-h", type=float, default=24.0)
    ap.add_argument("--step-min", type=float, default=5.0)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--reps", type=int, default=30)
    a = ap.parse_args()

    ka, k = a.ka_per_h, a.cl_l_per_h / a.v_l
    n_steps = int(round(a.end_h * 60 / a.step_min))
    t_eval = np.arange(n_steps + 1) * (a.step_min / 60.0)
    t_eval[-1] = a.end_h
    y0 = [a.f * a.dose_mg, 0.0, 0.0]

    def rhs(_t, y):
        gut, central, _eliminated = y
        return [-ka * gut, ka * gut - k * central, k * central]

    def solve():
        sol = solve_ivp(rhs, (0.0, a.end_h), y0, method="LSODA", t_eval=t_eval, rtol=1e-9, atol=1e-12)
        if not sol.success:
            raise RuntimeError(sol.message)
        return sol

    for _ in range(a.warmup):
        solve()
    samples = []
    for _ in range(a.reps):
        t0 = time.perf_counter()
        sol = solve()
        samples.append((time.perf_counter() - t0) * 1e3)
    samples.sort()
    n = len(samples)
    median = samples[(n - 1) // 2] if n % 2 else (samples[n // 2 - 1] + samples[n // 2]) / 2
    conc = sol.y[1] / a.v_l
    json.dump({
        "median_ms": median,
        "min_ms": samples[0],
        "p95_ms": samples[min(n - 1, int(np.ceil(0.95 * n)) - 1)],
        "max_ms": samples[-1],
        "n": n,
        "rows": len(t_eval),
        "peak_conc_mg_per_l": float(conc.max()),
        "final_conc_mg_per_l": float(conc[-1]),
        "scipy": __import__("scipy").__version__,
        "python": sys.version.split()[0],
    }, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
