#!/usr/bin/python3
"""Peer for bench/optimize.ts: solves the same QPs with cvxopt's interior-point `solvers.qp`.

Input (argv[1]): JSON {"repeats": R, "problems": [{"name", "n", "P", "q", "A", "b", "G", "h"}]} with matrices
row-major, problem  min 1/2 x'Px + q'x  s.t.  Ax = b, Gx <= h.  Output (stdout): one JSON document with, per
problem, the median solve time in ms, the solution x, the objective and cvxopt's status.
Run with Debian's python3-cvxopt: /usr/bin/python3 bench/peers/cvxopt_qp.py problems.json
"""
import json
import statistics
import sys
import time

import numpy as np
from cvxopt import matrix, solvers

solvers.options["show_progress"] = False


def solve(p, tight):
    n = p["n"]
    P = matrix(np.array(p["P"], dtype=float).reshape(n, n))
    q = matrix(np.array(p["q"], dtype=float))
    A = matrix(np.array(p["A"], dtype=float).reshape(-1, n))
    b = matrix(np.array(p["b"], dtype=float))
    G = matrix(np.array(p["G"], dtype=float).reshape(-1, n))
    h = matrix(np.array(p["h"], dtype=float))
    # "tight" asks for the accuracy our exact solver gives (needed for the 1e-6 objective comparison).
    opts = {"show_progress": False}
    if tight:
        opts.update({"abstol": 1e-12, "reltol": 1e-12, "feastol": 1e-12})
    t0 = time.perf_counter()
    res = solvers.qp(P, q, G, h, A, b, options=opts)
    return (time.perf_counter() - t0) * 1000.0, res


def main():
    spec = json.load(open(sys.argv[1]))
    out = []
    for p, tight in [(p, t) for p in spec["problems"] for t in (False, True)]:
        times = []
        res = None
        for _ in range(spec["repeats"]):
            ms, res = solve(p, tight)
            times.append(ms)
        x = np.array(res["x"]).ravel()
        n = p["n"]
        P = np.array(p["P"]).reshape(n, n)
        obj = 0.5 * x @ P @ x + np.array(p["q"]) @ x
        out.append(
            {
                "name": p["name"],
                "tolerance": "tight-1e-12" if tight else "default",
                "median_ms": statistics.median(times),
                "status": res["status"],
                "iterations": res["iterations"],
                "objective": obj,
                "x": x.tolist(),
            }
        )
    json.dump({"solver": "cvxopt.solvers.qp (default and 1e-12 tolerances)", "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
