#!/usr/bin/python3
"""Whole-process peer for `bench/gbdt.ts --cli`: what `caiban model train --cv K` does, with XGBoost.

Reads a CSV (numeric feature columns and a 0/1 target column `y`; blanks are missing), runs stratified K-fold
cross-validation of XGBClassifier (tree_method=hist, lossguide) with the given settings and prints the mean
fold AUC as JSON.
Usage: /usr/bin/python3 bench/peers/xgb_cv_process.py DATA.csv FOLDS ROUNDS LEARNING_RATE MAX_DEPTH LEAVES \
       LAMBDA MAX_BIN
"""
import json
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold


def main():
    path, folds, rounds, lr, depth, leaves, lam, max_bin = sys.argv[1:9]
    # pandas' C reader (blank cells become NaN): the fastest standard way to load a numeric CSV in Python, so
    # the whole-process comparison is not decided by a slow parser (np.genfromtxt is pure Python).
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=np.float64)
    y = frame["y"].to_numpy()
    x = frame.drop(columns=["y"]).to_numpy()
    aucs = []
    for tr, te in StratifiedKFold(int(folds), shuffle=True, random_state=0).split(x, y):
        model = xgb.XGBClassifier(
            tree_method="hist",
            n_estimators=int(rounds),
            learning_rate=float(lr),
            max_depth=int(depth),
            max_leaves=int(leaves),
            grow_policy="lossguide",
            reg_lambda=float(lam),
            max_bin=int(max_bin),
        )
        model.fit(x[tr], y[tr])
        aucs.append(float(roc_auc_score(y[te], model.predict_proba(x[te])[:, 1])))
    print(json.dumps({"auc": float(np.mean(aucs)), "auc_folds": aucs, "version": xgb.__version__}))


main()
