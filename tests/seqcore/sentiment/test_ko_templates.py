"""seqcore.sentiment.ko_templates: negation sentences by rule, kept apart from the probes."""

from __future__ import annotations

from seqcore.sentiment import ko_templates as kt
from seqcore.sentiment.ko_predicate import prospective
from seqcore.sentiment.ko_tokens import normalize


def test_probes_are_many_and_balanced():
    x, y = kt.read_probes()
    assert len(x) >= 40 and 0.4 < sum(y) / len(y) < 0.6
    assert sum("않" in t or "안 " in t or "못" in t or "없" in t or "아니" in t for t in x) >= 40


def test_probe_files_share_no_sentence():
    sets = [set(kt.read_probes(f)[0]) for f in kt.ALL_PROBE_FILES]
    assert all(len(s) >= 40 for s in sets) and sum(map(len, sets)) == len(set.union(*sets))


def test_no_generated_sentence_contains_a_probe():
    probes = [normalize(p) for f in kt.ALL_PROBE_FILES for p in kt.read_probes(f)[0]]
    for held_out in (False, True):
        x, _ = kt.generate(4000, seed=0, held_out=held_out)
        assert not [t for t in x if any(p in t for p in probes)]
    assert kt.probe_overlap()["probe_sentences_generated"] == 0


def test_generation_is_deterministic_labelled_and_negation_rich():
    a, b = kt.generate(500, seed=5), kt.generate(500, seed=5)
    assert a == b and len(a[0]) == 500 and 0.35 < sum(a[1]) / 500 < 0.65
    assert sum("않" in t for t in a[0]) > 250


def test_held_out_part_uses_stems_and_frames_training_never_does():
    train, held = set(" ".join(kt.generate(3000)[0]).split()), kt.generate(300, held_out=True)[0]
    reserved = kt.POSITIVE[-kt.HELD_OUT_STEMS :] + kt.NEGATIVE[-kt.HELD_OUT_STEMS :]
    assert not any(w.startswith(tuple(reserved)) for w in train)
    assert sum(any(w.startswith(tuple(reserved)) for w in t.split()) for t in held) > 250


def test_labels_follow_the_rules():
    x, y = kt.generate(2000, seed=2)
    label = dict(zip(x, y))
    for text, want in label.items():
        if text.endswith("지 않았다") and "지만" not in text and "는데" not in text:
            stem = text.split()[-2][:-1] if text.split()[-2].endswith("지") else None
            if stem in kt.NEGATIVE:
                assert want == 1, text
            if stem in kt.POSITIVE:
                assert want == 0, text


def test_lack_frames_turn_the_stem_s_side_and_keep_the_old_stream_without_them():
    assert kt.generate(400, seed=3) == kt.generate(400, seed=3, lack=False)  # old builds reproduce
    x, y = kt.generate(3000, seed=3, lack=True)
    lack = {t: v for t, v in zip(x, y) if t.split()[-1].startswith("없") and "않을" not in t}  # not DOUBLE
    assert len(lack) > 150
    stems = {prospective(s): (s in kt.POSITIVE) for s in kt.POSITIVE + kt.NEGATIVE}
    for text, label in lack.items():
        words = text.split()
        side = next(stems[w] for w in words if w in stems)
        keeps = "수밖에" in words
        assert label == int(side if keeps else not side), text  # 지루할 틈이 없었다 1, 재밌을 게 없다 0
    assert any("틈이" in t for t, v in lack.items() if v == 1) and any("수밖에" in t for t in lack)
    held = kt.generate(300, seed=3, held_out=True, lack=True)
    assert held == kt.generate(300, seed=3, held_out=True)  # the negation validation part stays as it was
