"""Peer benchmark for bench/gbdt.ts: XGBoost (tree_method=hist) and scikit-learn HistGradientBoosting
trained with the same rounds / learning rate / depth / leaves on the binary matrices that gbdt.ts wrote.
Run with Debian's /usr/bin/python3 (xgboost 1.7, sklearn 1.2). Prints one JSON document."""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def load(d, name, meta):
    p = meta["p"]
    x = lambda part: np.fromfile(f"{d}/{name}_{part}_x.f64", dtype="<f8").reshape(-1, p)
    y = lambda part: np.fromfile(f"{d}/{name}_{part}_y.f64", dtype="<f8")
    return x("train"), y("train"), x("test"), y("test")


def frame(x, cat):
    df = pd.DataFrame(x, columns=[f"f{j}" for j in range(x.shape[1])])
    for j, c in enumerate(cat):
        if c:
            df[f"f{j}"] = pd.Categorical(df[f"f{j}"])
    return df


def timed(fit, repeats):
    """Runs fit() `repeats` times; the median wall and CPU seconds, every wall time, and the last model."""
    runs = []
    model = None
    for _ in range(repeats):
        t = time.perf_counter()
        c = time.process_time()
        model = fit()
        runs.append((time.perf_counter() - t, time.process_time() - c))
    mid = len(runs) // 2
    return model, {
        "seconds": sorted(r[0] for r in runs)[mid],
        "cpu_seconds": sorted(r[1] for r in runs)[mid],
        "seconds_runs": [r[0] for r in runs],
    }


def run(d, name, meta, params):
    xtr, ytr, xte, yte = load(d, name, meta)
    cat = meta["categorical"]
    repeats = meta.get("repeats", 1)
    out = {}
    has_cat = any(cat)
    categories = [
        sorted(set(np.unique(xtr[:, j][~np.isnan(xtr[:, j])])) | set(np.unique(xte[:, j][~np.isnan(xte[:, j])]))) if c else None
        for j, c in enumerate(cat)
    ]

    def categorical_frame(x):
        df = frame(x, cat)
        for j, c in enumerate(cat):
            if c:
                df[f"f{j}"] = pd.Categorical(x[:, j], categories=categories[j])
        return df

    def fit_xgb():
        model = xgb.XGBClassifier(
            tree_method="hist",
            n_estimators=params["rounds"],
            learning_rate=params["learning_rate"],
            max_depth=params["max_depth"],
            max_leaves=params["num_leaves"],
            grow_policy="lossguide",
            reg_lambda=params["lambda_l2"],
            max_bin=params["max_bin"],
            enable_categorical=has_cat,
            max_cat_to_onehot=4,
        )
        # The categorical frame is built inside the timed part: XGBoost needs it to train.
        model.fit(categorical_frame(xtr) if has_cat else xtr, ytr)
        return model

    model, t = timed(fit_xgb, repeats)
    pred = model.predict_proba(categorical_frame(xte) if has_cat else xte)[:, 1]
    out["xgboost"] = {**t, "auc": float(roc_auc_score(yte, pred)), "version": xgb.__version__}

    def fit_hgb():
        hgb = HistGradientBoostingClassifier(
            max_iter=params["rounds"],
            learning_rate=params["learning_rate"],
            max_depth=params["max_depth"],
            max_leaf_nodes=params["num_leaves"],
            min_samples_leaf=params["min_data_in_leaf"],
            l2_regularization=params["lambda_l2"],
            max_bins=params["max_bin"],
            early_stopping=False,
            categorical_features=np.array(cat, dtype=bool) if has_cat else None,
        )
        # sklearn wants categories as 0..k-1 codes, which the matrices already hold.
        hgb.fit(xtr, ytr)
        return hgb

    hgb, t = timed(fit_hgb, repeats)
    out["sklearn_hgb"] = {**t, "auc": float(roc_auc_score(yte, hgb.predict_proba(xte)[:, 1]))}
    return out


def main():
    d = sys.argv[1]
    meta = json.load(open(f"{d}/meta.json"))
    print(json.dumps({name: run(d, name, m, meta["params"]) for name, m in meta["datasets"].items()}))


if __name__ == "__main__":
    main()
