"""Fits the learned reading of goals and principles on the development half of the corpus.

Run ``make intake-model`` after the development half changes; it rewrites
``learned_model.json``, which the product reads (scikit-learn is needed here
only, not at run time). Each heading and sentence of a development document
is labelled with the class of the annotated element whose quoted passage it
covers (the spans cover at least half of each other, as the evaluation
matches them), or "none". The held-out half is never read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from utblick.intake.corpus import SPAN_SHARE, expected_elements, find_quote, load_set
from utblick.intake.learned import MODEL_FILE, PARTS, candidates, terms
from utblick.intake.normalise import normalise
from utblick.intake.structure import parse

LABELS = {"goals": "goal", "principles": "principle", "focus_areas": "focus"}
#: Inverse strength of the weights' penalty, chosen by cross-validation over the halves.
STRENGTH = 16.0
#: A term must occur in this many sentences to be weighed.
MIN_SENTENCES = 2


def _covers(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= SPAN_SHARE * max(a[1] - a[0], b[1] - b[0])


def training_rows(set_name: str = "dev") -> tuple[list[dict[str, Any]], list[str]]:
    """Every candidate of the set's documents, described, and its annotated class."""
    rows: list[dict[str, Any]] = []
    labels: list[str] = []
    for document in load_set(set_name):
        text = normalise(document.raw_text())
        spans = [
            (LABELS[e.cls], span)
            for e in expected_elements(document.spec)
            if e.cls in LABELS
            for span in find_quote(text, e.quote)
        ]
        for candidate in candidates(parse(text)):
            where = (candidate.start, candidate.end)
            label = next((cls for cls, span in spans if _covers(where, span)), "none")
            rows.append(candidate.description())
            labels.append(label)
    return rows, labels


def _vectorisers() -> list[Any]:
    text_parts = [
        TfidfVectorizer(
            analyzer=lambda text, n=longest: list(terms(text, n).elements()),
            min_df=MIN_SENTENCES,
            sublinear_tf=True,
        )
        for _, longest in PARTS
    ]
    return [*text_parts, DictVectorizer()]


def fit(rows: list[dict[str, Any]], labels: list[str]) -> tuple[LogisticRegression, list[Any]]:
    vectorisers = _vectorisers()
    columns = [part for part, _ in PARTS] + ["flags"]
    matrix = hstack(
        [
            v.fit_transform([row[c] for row in rows])
            for v, c in zip(vectorisers, columns, strict=True)
        ]
    )
    classifier = LogisticRegression(C=STRENGTH, max_iter=5000)
    classifier.fit(csr_matrix(matrix), labels)
    return classifier, vectorisers


def weights(
    classifier: LogisticRegression, vectorisers: list[Any], documents: int
) -> dict[str, Any]:
    """The fitted model as the product reads it: per term its idf and one weight per class."""
    coef = classifier.coef_
    offset = 0
    parts: dict[str, Any] = {}
    for (part, _), vectoriser in zip(PARTS, vectorisers, strict=False):
        vocabulary = vectoriser.vocabulary_
        parts[part] = {
            term: [round(float(vectoriser.idf_[i]), 4)]
            + [round(float(coef[k, offset + i]), 4) for k in range(coef.shape[0])]
            for term, i in sorted(vocabulary.items())
        }
        offset += len(vocabulary)
    flags = vectorisers[-1]
    return {
        "trained_on": f"development half, {documents} documents",
        "classes": [str(c) for c in classifier.classes_],
        "intercept": [round(float(b), 4) for b in classifier.intercept_],
        "parts": parts,
        "flags": {
            name: [round(float(coef[k, offset + i]), 4) for k in range(coef.shape[0])]
            for name, i in sorted(flags.vocabulary_.items())
        },
    }


def train(set_name: str = "dev") -> dict[str, Any]:
    rows, labels = training_rows(set_name)
    classifier, vectorisers = fit(rows, labels)
    return weights(classifier, vectorisers, len(load_set(set_name)))


def dump(model: dict[str, Any]) -> str:
    """JSON with one term per line, so that a retrained model's diff reads term by term."""

    def table(rows: dict[str, Any]) -> str:
        lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in rows.items()]
        return "{\n" + ",\n".join(lines) + "\n}"

    head = {k: v for k, v in model.items() if k not in ("parts", "flags")}
    parts = ",\n".join(f"{json.dumps(k)}: {table(v)}" for k, v in model["parts"].items())
    body = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{body}, "parts": {{\n{parts}}},\n"flags": {table(model["flags"])}}}\n'


def main() -> None:
    path = Path(__file__).with_name(MODEL_FILE)
    model = train()
    path.write_text(dump(model), encoding="utf-8")
    print(f"{path}: {len(model['parts']['text'])} terms, {model['trained_on']}")
