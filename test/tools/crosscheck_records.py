#!/usr/bin/env python3
"""Independent check of ldn-sim's dosing records (docs/dosing.md) with SciPy's LSODA.

Usage: crosscheck_records.py MODEL.json EVENTS.csv CURVES.csv

Rebuilds the model from its JSON export (expressions as in ../shared/tools/crosscheck_scipy.py), reads the event
table (time_h, drug, amt_mg, ii_h, addl and the optional cmt, rate, dur_h, ss, evid) and integrates it piecewise
between events: boluses, zero-order inputs (F scales the amount: at a rate the duration is F*amt/rate; with dur_h
the rate is F*amt/dur_h), lags, resets (evid 3/4 and ss 1 reset the states, stop the inputs in progress and
cancel what earlier records left pending) and ss 1 steady states, here computed by brute force: the dose given
every ii hours for 80 intervals before, from the initial state (ldn-sim iterates intervals with extrapolation).
A constant infusion to steady state (amt 0, rate > 0, ss 1 or 2, ii 0: rate*F into each state of the route) is the
input run for 2000 h from the initial state, then left on until a reset; ss 2 adds that state less the initial one.
Prints the worst difference relative to each column's largest magnitude; exits 1 above 1e-6.
"""
import csv, json, math, re, sys
import numpy as np
from scipy.integrate import solve_ivp

FUNCS = {"exp": math.exp, "log": math.log, "log10": math.log10, "sqrt": math.sqrt, "min": min, "max": max,
         "abs": abs, "pow": pow, "sin": math.sin, "cos": math.cos, "tan": math.tan, "tanh": math.tanh,
         "pi": math.pi, "e": math.e}
N_SS = 80
T_CONSTANT_H = 2000.0


def compile_expr(src):
    if not isinstance(src, str):
        return lambda env, v=float(src): v
    code = compile(src.replace("^", "**"), src, "eval")
    return lambda env: eval(code, {"__builtins__": {}}, env)


def main(model_path, events_path, csv_path):
    m = json.load(open(model_path))
    states = [s["name"] for s in m["states"]]
    params = {p["name"]: float(p["value"]) for p in m["parameters"]}
    env0 = dict(FUNCS); env0.update(params)
    init = np.array([compile_expr(s.get("initial", 0))(env0) for s in m["states"]], dtype=float)
    exprs = [(x["name"], compile_expr(x["expr"])) for x in m.get("expressions", [])]
    rhs = [compile_expr(m["odes"][s]) for s in states]
    outs = [(o["name"], compile_expr(o["expr"])) for o in m["outputs"]]
    dosed = {d["state"]: d for d in m.get("dosedStates", [])}

    def env_at(t, y):
        env = dict(env0); env["t"] = t; env.update(zip(states, y))
        for name, f in exprs:
            env[name] = f(env)
        return env

    def routes(rec):
        """(state index, F, lag) per entry of the record's route."""
        if rec["cmt"]:
            d = dosed[rec["cmt"]]
            return [(states.index(rec["cmt"]), compile_expr(d.get("bioavailability", 1))(env0), compile_expr(d.get("lag_h", 0))(env0))]
        return [(states.index(d["state"]), compile_expr(d.get("bioavailability", 1))(env0), compile_expr(d.get("lag_h", 0))(env0))
                for d in m["doses"] if d["drug"] == rec["drug"]]

    def dose_actions(rec, t, origin):
        acts = []
        for s, F, lag in routes(rec):
            amount = rec["amt"] * F
            if rec["rate"] == 0 and rec["dur"] is None:
                acts.append((t + lag, origin, "bolus", s, amount))
            elif amount > 0:
                rate = rec["rate"] if rec["rate"] > 0 else amount / rec["dur"]
                acts.append((t + lag, origin, "on", s, rate))
                acts.append((t + lag + amount / rate, origin, "off", s, rate))
        return acts

    rows = list(csv.DictReader(open(events_path, newline="")))
    num = lambda r, k, d=0.0: float(r[k]) if r.get(k, "") not in ("", None) else d
    recs = [{"time": num(r, "time_h"), "drug": r["drug"], "amt": num(r, "amt_mg"), "ii": num(r, "ii_h"), "addl": int(num(r, "addl")),
             "cmt": (r.get("cmt") or "").strip(), "rate": num(r, "rate"), "dur": num(r, "dur_h", None), "ss": int(num(r, "ss")),
             "evid": int(num(r, "evid", 1))} for r in rows]
    expanded = sorted([(rec["time"] + k * rec["ii"], i, k) for i, rec in enumerate(recs) for k in range(rec["addl"] + 1)],
                      key=lambda x: x[0])
    order = {i: n for n, (t, i, k) in enumerate(expanded) if k == 0}

    def integrate(actions, t0, y0, t1, samples):
        """Event-driven LSODA from t0 to t1; returns the state at t1, the samples and the actions still pending."""
        actions = sorted(actions, key=lambda a: a[0])
        y = np.array(y0, dtype=float); on = []
        out = {}
        cuts = sorted(set([t0, t1] + [a[0] for a in actions if t0 <= a[0] < t1]))
        k = 0
        for c, a in enumerate(cuts):
            while k < len(actions) and actions[k][0] <= a:
                t, origin, kind, s, v = actions[k]
                if kind == "bolus": y[s] += v
                elif kind == "on": on.append((origin, s, v))
                elif kind == "off":
                    if (origin, s, v) in on: on.remove((origin, s, v))
                elif kind == "reset":
                    y = s.copy(); on = []
                    actions = actions[:k + 1] + [x for x in actions[k + 1:] if x[1] >= origin]
                elif kind == "set": y = s.copy()
                elif kind == "add": y = y + s
                k += 1
            for ts in samples:
                if ts == a: out[ts] = y.copy()
            if a == t1: break
            b = cuts[c + 1]
            rates = np.zeros(len(states))
            for _, s, v in on: rates[s] += v
            f = lambda t, yy, r=rates: np.array([g(env_at(t, yy)) for g in rhs]) + r
            sol = solve_ivp(f, (a, b), y, method="LSODA", dense_output=True, rtol=1e-11, atol=1e-14)
            for ts in samples:
                if a < ts < b: out[ts] = sol.sol(ts)
            y = sol.y[:, -1].copy()
        pending = [x for x in actions[k:]] + [(t1, o, "on", s, v) for o, s, v in on]
        return y, out, pending

    actions = []
    for t, i, kk in expanded:
        rec = recs[i]; origin = order[i]
        evid = 1 if kk > 0 and rec["evid"] == 4 else rec["evid"]  # an evid 4 record's addl doses are plain doses
        if evid == 2: continue
        ss = rec["ss"] if kk == 0 else 0
        if evid in (3, 4) or ss == 1:
            actions.append((t, origin, "reset", init, 0))
        if evid == 3: continue
        srcs = " ".join(str(m["odes"][s]) for s in states) + " " + " ".join(str(x["expr"]) for x in m.get("expressions", []))
        unread = [j for j, s in enumerate(states) if not re.search(rf"\b{re.escape(s)}\b", srcs)]
        if ss and rec["ii"] == 0 and rec["amt"] == 0 and rec["rate"] > 0:
            on = [(t - T_CONSTANT_H, origin, "on", s, rec["rate"] * F) for s, F, lag in routes(rec)]
            yss, _, _ = integrate(on, t - T_CONSTANT_H, init, t, [])
            for j in unread: yss[j] = init[j] if ss == 1 else 0.0
            if ss == 1: actions.append((t, origin, "set", yss, 0))
            else: actions.append((t, origin, "add", np.array([0.0 if j in unread else yss[j] - init[j] for j in range(len(states))]), 0))
            actions.extend((t, origin, "on", s, rec["rate"] * F) for s, F, lag in routes(rec))
            continue
        if ss == 1:
            t0 = t - N_SS * rec["ii"]
            past = [a for j in range(N_SS, 0, -1) for a in dose_actions(rec, t - j * rec["ii"], origin)]
            yss, _, pending = integrate(past, t0, init, t, [])
            # Running totals that no equation reads have no steady state: they restart from their initial value.
            srcs = " ".join(str(m["odes"][s]) for s in states) + " " + " ".join(str(x["expr"]) for x in m.get("expressions", []))
            for j, s in enumerate(states):
                if not re.search(rf"\b{re.escape(s)}\b", srcs): yss[j] = init[j]
            actions.append((t, origin, "set", yss, 0))
            actions.extend((a[0], origin, a[2], a[3], a[4]) for a in pending if a[2] != "reset")
        actions.extend(dose_actions(rec, t, origin))

    curve = list(csv.DictReader(open(csv_path, newline="")))
    ts = [float(r["time_h"]) for r in curve]
    _, got, _ = integrate(actions, 0.0, init, ts[-1], ts)
    worst, worst_col = 0.0, None
    for name, f in outs:
        if name not in curve[0]: continue
        ref = np.array([f(env_at(t, got[t])) for t in ts])
        cli = np.array([float(r[name]) for r in curve])
        err = float(np.max(np.abs(cli - ref)) / max(np.max(np.abs(ref)), 1e-300))
        if err > worst: worst, worst_col = err, name
    print(f"records: scipy LSODA vs CLI: worst {worst:.1e} ({worst_col}) (need < 1e-6)")
    sys.exit(1 if worst > 1e-6 else 0)


if __name__ == "__main__":
    main(*sys.argv[1:4])
