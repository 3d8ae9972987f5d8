"""The 문자 생성 page through the entry point.

The fast tests serve a small run trained here (a few seconds, on a text written below) from the
page's cache under seed 7, so that the page's own default (seed 42, which the start-up work may be
training in the background) is never touched; the slow one trains the page's real default.
"""

from __future__ import annotations

import dataclasses

import pytest
from apphelp import open_page, open_part, vega_specs

from seqcore.core.cache import bounded
from seqcore.figures import lm as figs
from seqcore.lm import data, views
from seqcore.lm.trainer import LM_STORE, LMConfig, train_lm

PAGE = "pages/language_model.py"
PART = "language_model_part"
SEED = 7
LINES = [
    "영화가 정말 재밌어요",
    "배우들 연기가 너무 좋았다",
    "스토리가 지루하고 뻔해요",
    "다시 보고 싶은 영화",
]


TEXT = "\n".join(f"{LINES[i % len(LINES)]} {i}" for i in range(200))
TINY = LMConfig(text=TEXT, epochs=3, hidden_size=16, embed_size=8, batch_size=4, seq_len=16, sample_chars=40)


@pytest.fixture(scope="module")
def planted():
    """A tiny run stored under the page's config for seed 7 (its settings at their defaults)."""
    result = train_lm(TINY)
    bounded(LM_STORE).put(LMConfig(seed=SEED), result)
    return result


@pytest.fixture(scope="module")
def twins(planted):
    """Tiny runs for the page's three comparisons (random batches, no clipping, jamo), stored
    under the configs the page asks for."""
    out = {}
    for change in ({"batching": "random"}, {"clip": False}, {"unit": "jamo"}):
        out[next(iter(change))] = run = train_lm(dataclasses.replace(TINY, **change))
        bounded(LM_STORE).put(LMConfig(seed=SEED, **change), run)
    return out


def page(part: str | None = None, **query):
    at = open_page(PAGE, query={"seed": str(SEED), **query})
    if part is not None:
        open_part(at, PART, part)
    assert not at.exception, at.exception
    return at


def codes(at) -> list[str]:
    return [c.value for c in at.code]


def test_the_guess_comes_before_the_truth(planted):
    at = page()
    assert [t.label for t in at.tabs][0] == "예측하고 학습"
    assert {s.key for s in at.slider} >= {"language_model_guess1", "language_model_guess10"}
    assert not at.dataframe and not codes(at)  # nothing is revealed before the guess
    at.slider(key="language_model_guess1").set_value(20)
    at.button(key="language_model_reveal").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["에포크"]) == [1, 3]  # the tiny run has 3 epochs: epoch 10 reads its last
    assert list(table["내 예측"]) == ["20%", "50%"]
    assert codes(at) == [planted.records[1].samples[0.5], planted.records[3].samples[0.5]]


def test_the_slider_shows_the_sample_and_curve_of_epoch_k(planted):
    at = page("에포크마다 보기")
    assert at.slider(key="language_model_epoch").value == planted.epochs  # it opens at the end
    at.slider(key="language_model_epoch").set_value(1).run()
    assert not at.exception
    rec = planted.records[1]
    assert codes(at) == [rec.samples[0.5], rec.samples[1.0]]
    (spec,) = vega_specs(at)
    drawn = {(r["series"], r["x"]) for r in spec["data"]["values"] if r["series"] != figs.BASE}
    assert max(x for _, x in drawn) == 1  # the curve up to epoch 1 only


def test_play_steps_through_the_epochs(planted):
    at = page("에포크마다 보기", language_model_epoch="0")
    assert at.slider(key="language_model_epoch").value == 0
    at.button(key="language_model_epoch_play").click().run()
    assert not at.exception
    assert at.session_state["language_model_epoch_playing"] is True
    assert at.button(key="language_model_epoch_play").label.startswith("⏸")


def test_a_prompt_is_continued_greedy_and_sampled(planted):
    at = page("이어 쓰기")
    at.text_input(key="language_model_prompt").set_value("영화가").run()
    assert not at.exception
    greedy, sampled, same = codes(at)[:3]
    assert greedy == views.continuation(planted, "영화가", 0.0, SEED).text
    assert sampled == views.continuation(planted, "영화가", 0.8, SEED).text
    assert greedy.startswith("영화가") and sampled.startswith("영화가") and len(sampled) > len("영화가") + 50
    assert "다시 뽑은 글이 같나요? True" in same and "False" in same.splitlines()[-1]
    (bars,) = vega_specs(at)
    assert len(bars["data"]["values"]) == 5


def test_a_clicked_unit_shows_the_top_5_after_it(planted):
    at = page("이어 쓰기")
    at.text_input(key="language_model_prompt").set_value("영화가").run()
    at.pills(key="language_model_step").set_value(2).run()  # the prompt's 가, the last unit it read
    assert not at.exception
    sampled = views.continuation(planted, "영화가", 0.8, SEED)
    choices = views.next_choices(planted, (*sampled.prompt, *sampled.units)[:60])[3]
    assert choices.after == "가" and choices.actual == sampled.units[0]
    (bars,) = vega_specs(at)
    rows = sorted(bars["data"]["values"], key=lambda r: r["rank"])
    assert [r["p"] for r in rows] == pytest.approx(list(choices.probs))


def test_a_hostile_prompt_stays_text(planted):
    payload = "`![x](http://e.invalid/p.png)` <b>굵게</b> $x$ 꽃"
    at = page("이어 쓰기")
    at.text_input(key="language_model_prompt").set_value(payload).run()
    assert not at.exception
    rendered = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "![x](http" not in rendered and "<b>" not in rendered


def test_the_units_part_shows_the_vocabulary_and_both_shapes(planted):
    at = page("단위와 모양")
    many, one = [c for c in codes(at) if "x " in c][:2]
    assert f"(2, 16, {len(planted.vocab)})" in many and "(2, 1)" in one
    facts = dict(zip(at.dataframe[0].value["항목"], at.dataframe[0].value["값"]))
    assert facts["어휘 크기"].startswith(f"{len(planted.vocab):,}")


def test_a_pasted_text_past_the_bound_gets_a_korean_message_and_no_training():
    at = page()
    at.radio(key="language_model_source").set_value("own").run()
    at.text_area(key="language_model_text").set_value("가" * (data.MAX_TEXT_CHARS + 1)).run()
    assert not at.exception
    assert any(f"{data.MAX_TEXT_CHARS:,}" in w.value for w in at.warning)
    assert not at.tabs  # the page stops before its parts


@pytest.mark.slow
def test_the_page_trains_its_default_and_reveals_it():
    at = open_page(PAGE, timeout=900)
    at.button(key="language_model_reveal").click().run(timeout=900)
    assert not at.exception
    result = bounded(LM_STORE).get(LMConfig())
    assert result is not None and result.epochs == LMConfig().epochs
    assert result.last.held_ppl < result.unigram_ppl / 2
    assert codes(at)[-1] == result.records[10].samples[0.5]


def test_the_comparisons_draw_both_runs_once_both_are_trained(planted, twins):
    at = page("잘린 역전파와 클리핑")
    batching, norms = vega_specs(at)
    held = {r["series"] for r in batching["data"]["values"]} - {figs.BASE}
    assert len(held) == 2  # the two batchings on one chart
    assert {r["series"] for r in norms["data"]["values"]} == {"클리핑 켬", "클리핑 끔"}
    assert len(norms["data"]["values"]) == len(planted.grad_norms) + len(twins["clip"].grad_norms)
    assert sum("95% 구간" in m.value for m in at.markdown) == 2
    at = page("단위와 모양")
    units = next(d.value for d in at.dataframe if "단위" in d.value.columns)
    assert list(units["어휘 크기"]) == [len(planted.vocab), len(twins["unit"].vocab)]
