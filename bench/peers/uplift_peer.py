"""Peer for `caiban uplift metrics`: the causalml and scikit-uplift metric definitions re-stated with
numpy/pandas (the two libraries are not packaged in Debian). Usage: python3 uplift_peer.py FILE.csv score w y
Prints one JSON object. causalml sorts with pandas' default (unstable) sort; here ties keep input order,
which is what Caiban does too."""
import json
import sys

import numpy as np
import pandas as pd


def causalml_scores(df, s, w, y):
    d = df.sort_values(s, ascending=False, kind="mergesort").reset_index(drop=True)
    k = np.arange(1, len(d) + 1)
    nt = d[w].cumsum().to_numpy(float)
    nc = k - nt
    yt = (d[y] * d[w]).cumsum().to_numpy(float)
    yc = (d[y] * (1 - d[w])).cumsum().to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = yt / nt - yc / nc
        qini = yt - yc * nt / nc
    lift = pd.Series(np.r_[0.0, lift]).replace([np.inf, -np.inf], np.nan).interpolate()
    qini = pd.Series(np.r_[0.0, qini]).replace([np.inf, -np.inf], np.nan).interpolate()
    gain = lift * np.arange(len(lift))
    gain = gain / abs(gain.iloc[-1])
    qini = qini / abs(qini.iloc[-1])
    rand = np.linspace(qini.iloc[0], qini.iloc[-1], len(qini)).sum()
    return {"auuc": gain.sum() / len(gain), "qini": (qini.sum() - rand) / len(qini)}


def sk_curve(y, u, t, kind):
    o = np.argsort(u, kind="mergesort")[::-1]
    y, u, t = y[o], u[o], t[o]
    idx = np.r_[np.where(np.diff(u))[0], u.size - 1]
    nt = np.cumsum(t)[idx].astype(float)
    yt = np.cumsum(y * t)[idx].astype(float)
    yc = np.cumsum(y * (1 - t))[idx].astype(float)
    na = idx + 1.0
    nc = na - nt
    if kind == "uplift":
        v = (np.divide(yt, nt, out=np.zeros_like(yt), where=nt != 0) - np.divide(yc, nc, out=np.zeros_like(yc), where=nc != 0)) * na
    else:
        v = yt - yc * np.divide(nt, nc, out=np.zeros_like(nt), where=nc != 0)
    if v[0] != 0 or na[0] != 0:
        na, v = np.r_[0, na], np.r_[0, v]
    return na, v


def sk_norm(actual, perfect):
    base = np.trapz([0, perfect[1][-1]], [0, perfect[0][-1]])
    return (np.trapz(actual[1], actual[0]) - base) / (np.trapz(perfect[1], perfect[0]) - base)


def sklift_scores(y, u, t):
    cr = np.sum((y == 1) & (t == 0))
    tn = np.sum((y == 0) & (t == 1))
    perf_u = 2 * (y == t) + (y if cr > tn else t)
    up = sk_norm(sk_curve(y, u, t, "uplift"), sk_curve(y, perf_u.astype(float), t, "uplift"))
    perf_q = y * t - y * (1 - t)
    qa = sk_norm(sk_curve(y, u, t, "qini"), sk_curve(y, perf_q.astype(float), t, "qini"))
    o = np.argsort(u, kind="mergesort")[::-1]
    top = int(len(y) * 0.3)
    yy, tt = y[o][:top], t[o][:top]
    at = yy[tt == 1].mean() - yy[tt == 0].mean()
    return {"qini_auc": qa, "uplift_auc": up, "uplift_at_30": at}


if __name__ == "__main__":
    f, s, w, yc = sys.argv[1:5]
    df = pd.read_csv(f)
    y = df[yc].to_numpy(float)
    t = df[w].to_numpy(float)
    u = df[s].to_numpy(float)
    print(json.dumps({"causalml": causalml_scores(df, s, w, yc), "sklift": sklift_scores(y, u, t)}))
