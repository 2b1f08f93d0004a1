#!/usr/bin/python3
"""Whole-process peer for bench/cli-startup.ts: what `caiban nlu train` does, in Python.

Reads a labelled CSV, fits scikit-learn's TF-IDF (word 1-2 + char_wb 3-5) with LinearSVC and writes the fitted
pipeline to a file (pickle), as `caiban nlu train --out MODEL.json` writes its model.
Usage: /usr/bin/python3 bench/peers/sklearn_nlu_train_process.py TRAIN.csv TEXT_COL LABEL_COL OUT.pkl
"""
import csv
import pickle
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC


def main():
    path, text_col, label_col, out = sys.argv[1:5]
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    pipe = make_pipeline(
        FeatureUnion(
            [
                ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2))),
                ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))),
            ]
        ),
        LinearSVC(),
    )
    pipe.fit([r[text_col] for r in rows], [r[label_col] for r in rows])
    with open(out, "wb") as f:
        pickle.dump(pipe, f)


main()
