"""The learned reading of goals and principles: reproducible from the corpus, read as fitted."""

from __future__ import annotations

import json

import pytest
from scipy.sparse import csr_matrix, hstack

from utblick.intake.drafting import draft_from_text
from utblick.intake.learned import PARTS, likelihoods, model
from utblick.intake.learned_training import dump, fit, train, training_rows, weights

DOCUMENT = """Strategi för internationellt samarbete i Testby kommun
Antagen av kommunfullmäktige 2024-03-12

Om samarbetet

Avdelningens uppgift är att utifrån ett globalt perspektiv bidra till att utveckla nämndernas verksamhet.
Testby har tre vänorter i Norden.
Det internationella samarbetet ska bidra till att:
"""


@pytest.fixture(scope="module")
def fitted() -> tuple:  # type: ignore[type-arg]
    rows, labels = training_rows()
    classifier, vectorisers = fit(rows, labels)
    return rows, labels, classifier, vectorisers


def test_the_shipped_model_is_what_the_development_half_trains() -> None:
    """Change the development half and forget `make intake-model`, and this fails."""
    shipped = model()
    fresh = json.loads(dump(train()))
    assert fresh["trained_on"] == shipped["trained_on"]
    assert fresh["classes"] == shipped["classes"]
    for part, _ in PARTS:
        assert fresh["parts"][part].keys() == shipped["parts"][part].keys(), part
        for term, row in fresh["parts"][part].items():
            assert row == pytest.approx(shipped["parts"][part][term], abs=2e-3), (part, term)
    assert fresh["intercept"] == pytest.approx(shipped["intercept"], abs=2e-3)


def test_the_product_weighs_a_sentence_as_scikit_learn_does(fitted) -> None:  # type: ignore[no-untyped-def]
    rows, _labels, classifier, vectorisers = fitted
    exported = weights(classifier, vectorisers, 0)
    sample = rows[:: max(1, len(rows) // 400)]
    columns = [part for part, _ in PARTS] + ["flags"]
    matrix = hstack(
        [v.transform([row[c] for row in sample]) for v, c in zip(vectorisers, columns, strict=True)]
    )
    expected = classifier.predict_proba(csr_matrix(matrix))
    for row, chances in zip(sample, expected, strict=True):
        mine = likelihoods(row, exported)
        for k, cls in enumerate(classifier.classes_):
            assert mine[cls] == pytest.approx(chances[k], abs=1e-3)


def test_every_class_is_learned_from_annotated_sentences(fitted) -> None:  # type: ignore[no-untyped-def]
    _, labels, _, _ = fitted
    assert {"goal", "principle", "focus", "none"} == set(labels)
    assert labels.count("goal") >= 100 and labels.count("principle") >= 100


def test_a_sentence_no_rule_reads_is_proposed_with_its_passage_and_why() -> None:
    draft = draft_from_text(DOCUMENT, municipality="Testby kommun")
    assert draft.is_policy
    sentence = "Avdelningens uppgift är att utifrån ett globalt perspektiv bidra till att utveckla"
    learned = [p for p in draft.of("goal") if p.value["text"].startswith(sentence)]
    assert len(learned) == 1
    passage = learned[0].passage
    assert draft.text[passage.start : passage.end].startswith(sentence)
    assert passage.section == "Om samarbetet"
    assert "Ingen regel känner igen meningens form" in learned[0].reason
    # a description and a lead handing on to its (missing) items are not proposed
    texts = [p.value.get("text", "") for p in draft.proposals]
    assert not any(
        t.startswith(("Testby har", "Det internationella samarbetet ska")) for t in texts
    )


def test_a_page_the_rules_refuse_stays_refused() -> None:
    page = DOCUMENT.replace("Antagen av kommunfullmäktige 2024-03-12\n", "").replace(
        "Strategi för internationellt samarbete i Testby kommun", "Nyheter från Testby"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert not draft.is_policy
    assert draft.proposals == []
