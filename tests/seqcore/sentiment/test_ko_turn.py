"""The shipped Korean model read as it goes: where its verdict turns, and what the page says
that owes to training (issue 26: `지루하지는 않았다` turns at `않았다`)."""

from __future__ import annotations

import dataclasses

import pytest

from seqcore.sentiment import ko_read, ko_report

PAIRS = [
    ("지루하지는 않았다", 1),
    ("재밌지는 않았다", 0),
    ("결말이 아쉽지 않았다", 1),
    ("그렇게 별로는 아니었다", 1),
]


@pytest.mark.parametrize(("text", "label"), PAIRS)
def test_the_shipped_model_turns_at_the_negator_not_before(text, label):
    model = ko_read.shipped()
    reading = ko_read.read(model, text)
    turns = ko_read.turning_points(reading)
    negator = len(reading.pieces) - 1
    assert reading.pieces[negator].lstrip("▁").startswith(("않", "아니"))
    assert (reading.probability > 0.5) == bool(label)
    assert turns and turns[-1] == negator, (reading.pieces, reading.probabilities)


def test_the_reading_note_says_when_the_turn_was_taught():
    model = ko_read.shipped()
    reading = ko_read.read(model, "지루하지는 않았다")
    turns = ko_read.turning_points(reading)
    note = ko_report.reading_note(reading, turns, model.config)
    assert "않았다" in note and ("가르친 결과" in note) == bool(model.config.prefixes)
    untaught = dataclasses.replace(model.config, prefixes=0.0)
    assert "가르친" not in ko_report.reading_note(reading, turns, untaught)
    assert f"{model.config.prefixes:.0%}" in (ko_report.prefix_note(model.config) or "0%")
