#!/usr/bin/python3
"""Peer for bench/nlu.ts: scikit-learn TF-IDF (word 1-2 + char_wb 3-5) with LinearSVC and with
LogisticRegression on the banking77 split. Prints one JSON document on stdout.

Usage: /usr/bin/python3 bench/peers/sklearn_banking77.py TRAIN.csv TEST.csv [--skip-lr] [--repeat N]
Training time covers vectorizer fit + model fit (what a user waits for); prediction is timed separately.
On a shared machine wall-clock times are noisy, so LinearSVC is trained N times (default 3) and the fastest
run is reported (train_seconds_runs lists all); LogisticRegression (about a minute) is trained once.
"""
import json
import sys
import time

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC


def features():
    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2))),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))),
    ])


def run(name, make_model, train, test, repeat=1):
    runs, cpu_runs = [], []
    for _ in range(repeat):
        pipe = make_pipeline(features(), make_model())
        t0, c0 = time.perf_counter(), time.process_time()
        pipe.fit(train.text, train.category)
        runs.append(time.perf_counter() - t0)
        cpu_runs.append(time.process_time() - c0)
    t1 = time.perf_counter()
    pred = pipe.predict(test.text)
    predict_s = time.perf_counter() - t1
    return {
        "name": name,
        "accuracy": round(float(accuracy_score(test.category, pred)), 4),
        "macro_f1": round(float(f1_score(test.category, pred, average="macro")), 4),
        "train_seconds": round(min(runs), 3),
        "train_cpu_seconds": round(min(cpu_runs), 3),
        "train_seconds_runs": [round(r, 3) for r in runs],
        "predict_seconds": round(predict_s, 3),
    }


def main():
    train = pd.read_csv(sys.argv[1])
    test = pd.read_csv(sys.argv[2])
    out = {"n_train": len(train), "n_test": len(test), "models": []}
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    out["models"].append(run("sklearn_tfidf_linearsvc", LinearSVC, train, test, repeat))
    if "--skip-lr" not in sys.argv:
        out["models"].append(run("sklearn_tfidf_logreg", lambda: LogisticRegression(max_iter=1000), train, test))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
