"""Tests for the lexical-cohesion helpers: bigrams, rarity weights, overlap scores."""

from __future__ import annotations

import pytest

from papercli.cohesion import (
    Vocabulary,
    char_bigrams,
    cohesion,
    rarity_weights,
    shared_weight,
)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("华军反攻", {"华军", "军反", "反攻"}),
        # Punctuation, digits, Latin and spaces end a run: no bigram spans them.
        ("华军、反攻", {"华军", "反攻"}),
        ("石龙 3 公里", {"石龙", "公里"}),
        ("Gualino说", set()),
        ("华", set()),
        ("", set()),
    ],
)
def test_char_bigrams(text: str, grams: set[str]) -> None:
    assert char_bigrams(text) == grams


def test_rarity_weights_rank_common_bigrams_lower() -> None:
    weights = rarity_weights([{"华军", "反攻"}, {"华军"}, {"华军", "石龙"}])
    assert weights["华军"] < weights["反攻"] == weights["石龙"]
    # Smoothed: a bigram on every block still weighs a little.
    assert weights["华军"] > 0


def test_cohesion_prefers_shared_rare_vocabulary() -> None:
    vocab = Vocabulary.of(["公园步道改造完成。", "公园路灯更亮。", "图书馆延长开放时间。", "公园"])
    park = vocab.union([0, 1])
    assert vocab.cohesion(park, char_bigrams("公园步道宽了")) > 0.3
    assert vocab.cohesion(park, vocab.grams[2]) == 0.0
    assert vocab.cohesion(set(), vocab.grams[2]) == 0.0
    assert vocab.cohesion(park, set()) == 0.0


def test_cohesion_is_a_share_of_the_newcomer() -> None:
    weights = {"甲乙": 1.0, "丙丁": 1.0, "戊己": 2.0}
    left, right = {"甲乙"}, {"甲乙", "丙丁"}
    assert cohesion(left, right, weights) == 0.5
    # Not symmetric: everything the left side says, the right side said too.
    assert cohesion(right, left, weights) == 1.0
    # Unknown bigrams weigh nothing.
    assert cohesion({"庚辛"}, {"庚辛"}, weights) == 0.0


def test_shared_weight_is_an_amount_not_a_share() -> None:
    weights = {"甲乙": 1.0, "丙丁": 1.0, "戊己": 2.0}
    assert shared_weight({"甲乙", "戊己"}, {"戊己", "丙丁", "甲乙"}, weights) == 3.0
    assert shared_weight({"甲乙"}, {"丙丁"}, weights) == 0.0
    # Symmetric, whichever side is the smaller set.
    big, small = {"甲乙", "丙丁", "戊己"}, {"戊己"}
    assert shared_weight(big, small, weights) == shared_weight(small, big, weights) == 2.0


def test_vocabulary_unions_blocks() -> None:
    vocab = Vocabulary.of(["华军反攻", "", "粮价上涨"])
    assert vocab.union([]) == set()
    assert vocab.union([1]) == set()
    assert vocab.union(range(3)) == {"华军", "军反", "反攻", "粮价", "价上", "上涨"}
    # A bigram in one block of three is rarer than one in two.
    two = Vocabulary.of(["华军反攻", "华军克复", "粮价"])
    assert two.weights["反攻"] > two.weights["华军"]
    assert two.shared_weight({"华军"}, {"华军"}) == pytest.approx(two.weights["华军"])
