#!/usr/bin/python3
"""Whole-process peer for bench/cli-startup.ts: what `caiban optimize --objective min-volatility` does, in Python.

Reads a price CSV (a date column, then one column per asset), computes simple daily returns, the compounded
mean-historical return and the sample covariance annualised by 252 (PyPortfolioOpt's defaults), solves the
long-only minimum-volatility QP with cvxopt and prints the weights, expected return and volatility as JSON.
Usage: /usr/bin/python3 bench/peers/cvxopt_optimize_process.py PRICES.csv
"""
import json
import sys

import numpy as np
from cvxopt import matrix, solvers

solvers.options["show_progress"] = False


def main():
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        header = f.readline().rstrip("\n").split(",")
    # numpy's C reader (np.loadtxt, numpy >= 1.23): the fast standard way to load a dense numeric table, so the
    # comparison is not decided by a slow parser (np.genfromtxt is pure Python). The bench file has no blanks.
    prices = np.loadtxt(
        sys.argv[1], delimiter=",", skiprows=1, usecols=range(1, len(header)), encoding="utf-8-sig"
    )
    assets = header[1:]
    rets = prices[1:] / prices[:-1] - 1
    n = rets.shape[1]
    mu = (prices[-1] / prices[0]) ** (252 / rets.shape[0]) - 1
    cov = np.cov(rets, rowvar=False) * 252
    res = solvers.qp(
        matrix(2 * cov),
        matrix(np.zeros(n)),
        matrix(np.vstack([-np.eye(n), np.eye(n)])),
        matrix(np.hstack([np.zeros(n), np.ones(n)])),
        matrix(np.ones((1, n))),
        matrix(np.ones(1)),
    )
    w = np.array(res["x"]).ravel()
    print(
        json.dumps(
            {
                "weights": dict(zip(assets, w.tolist())),
                "expected_return": float(w @ mu),
                "volatility": float(np.sqrt(w @ cov @ w)),
                "status": res["status"],
            }
        )
    )


main()
