"""ko_measure.mean_probabilities / ensemble_keys: several builds read together (bench.sentiment
--ensemble), the mean of their logits against the first build alone."""

from __future__ import annotations

import copy
import math
from types import SimpleNamespace

import pytest
from uci_fixtures import write_nsmc_fixture

from seqcore.data import nsmc
from seqcore.sentiment import ko_build, ko_templates
from seqcore.sentiment.ko_measure import PROBE_SETS, REPORT_SETS, ensemble_keys, mean_probabilities
from seqcore.sentiment.ko_train import split_parts


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_an_ensemble_is_the_mean_of_its_members_logits(tmp_path):
    data = write_nsmc_fixture(tmp_path / "nsmc.tsv", n=400)
    out = tmp_path / "model"
    assert ko_build.main(["--data", str(data), "--out", str(out), "--epochs", "1", "--templates", "50"]) == 0
    a = ko_build.load(out)
    b = SimpleNamespace(model=copy.deepcopy(a.model), tokenizer=a.tokenizer, vocab=a.vocab, config=a.config)
    b.model.fc.bias.data += 2.0  # every logit of b is a's plus 2
    texts = ["지루하지는 않았다", "최악", "배우들 연기가 좋았다"]
    pa, pb, both = (mean_probabilities(m, texts) for m in ([a], [b], [a, b]))
    for x, y, z in zip(pa, pb, both):
        assert abs(logit(y) - logit(x) - 2.0) < 1e-3 and abs(logit(z) - logit(x) - 1.0) < 1e-3

    keys = ensemble_keys([a, b], split_parts(nsmc.load(data)))
    assert keys["members"] == 2 and keys["seeds"] == f"{a.config.seed},{a.config.seed}"
    assert {f"single.{k}_acc" for k in PROBE_SETS} <= keys.keys()
    assert keys["report_n"] == sum(len(ko_templates.read_probes(PROBE_SETS[k])[1]) for k in REPORT_SETS)
    noise_says = abs(keys["val_gap_pts"]) > keys["val_noise_pts"]
    assert keys["val_gap_real"] == noise_says
    same = ensemble_keys([a, a], split_parts(nsmc.load(data)))
    assert same["ensemble.val_acc"] == same["single.val_acc"] and not same["val_gap_real"]
    assert same["val_paired_gap_pts"] == 0 and same["val_paired_noise_pts"] == 0
    assert not same["rule_ships"]


def test_the_paired_interval_is_the_spread_of_the_per_review_difference():
    from seqcore.sentiment.ko_eval import gap_noise, paired_gap_noise

    a = [True] * 90 + [False] * 10
    assert paired_gap_noise(a, a) == 0.0
    b = [False] * 5 + [True] * 85 + [False] * 10  # a is right on 5 reviews more, wrong on none more
    d = [1] * 5 + [0] * 95
    mean = 0.05
    sd = math.sqrt(sum((v - mean) ** 2 for v in d) / 99)
    assert abs(paired_gap_noise(a, b) - 1.96 * sd / 10) < 1e-12
    assert paired_gap_noise(a, b) < gap_noise(0.90, 0.85, 100)  # both find the same reviews easy
    assert math.isnan(paired_gap_noise([True], [False]))


def test_the_rule_ships_a_gain_beyond_the_paired_noise_that_costs_no_negation():
    from seqcore.sentiment.ko_measure import DEV_SETS, rule_keys

    def right(val_one, val_ens, neg_one, neg_ens):
        dev = {k: neg_one for k in DEV_SETS}
        return {
            "single": {"val": val_one, **dev},
            "ensemble": {"val": val_ens, **{k: neg_ens for k in DEV_SETS}},
        }

    one = [True] * 800 + [False] * 200
    better = [True] * 850 + [False] * 150
    neg = [True] * 30 + [False] * 10
    keys = rule_keys(right(one, better, neg, neg))
    assert keys["val_paired_gap_pts"] == 5.0 and keys["val_paired_noise_pts"] < 5.0
    assert keys["rule_ships"]
    worse_neg = [True] * 10 + [False] * 30  # 20 more wrong on each development set
    assert not rule_keys(right(one, better, neg, worse_neg))["rule_ships"]
    assert not rule_keys(right(one, one, neg, neg))["rule_ships"]  # no gain


@pytest.mark.slow  # three tiny trainings
def test_an_ensemble_build_is_one_model_the_page_reads_piece_by_piece(tmp_path):
    import torch

    from seqcore.sentiment import ko_read
    from seqcore.sentiment.ko_builds import ensemble_line
    from seqcore.sentiment.ko_model import MeanOfLogits
    from seqcore.sentiment.ko_train import inputs

    data = write_nsmc_fixture(tmp_path / "nsmc.tsv", n=400)
    args = ["--data", str(data), "--out", str(tmp_path / "m"), "--epochs", "1", "--templates", "50"]
    assert ko_build.main([*args, "--ensemble", "7", "8"]) == 0
    s = ko_build.load(tmp_path / "m")
    assert isinstance(s.model, MeanOfLogits) and len(s.model.members) == 3
    assert [m["seed"] for m in s.info["members"]] == [42, 7, 8] and s.info["command"].endswith(
        "--ensemble 7 8"
    )
    x = inputs(s.tokenizer, s.vocab, s.config, ["지루하지는 않았다", "최악"])
    with torch.no_grad():
        each = torch.stack([m(*x) for m in s.model.members])
        assert torch.allclose(s.model(*x), each.mean(0)) and not torch.allclose(each[0], each[1])
    e = s.info["metrics"]["ensemble"]
    assert e["seeds"] == "42,7,8" and abs(e["ensemble.val_acc"] - s.info["metrics"]["val_acc"]) < 0.03
    assert {"val_paired_gap_pts", "val_paired_noise_pts", "rule_ships"} <= e.keys()
    reading = ko_read.read(s, "지루하지는 않았다")
    assert len(reading.probabilities) == len(reading.pieces) > 1
    line = ensemble_line(s.info)
    assert "3개의 평균" in line and "42, 7, 8" in line and f"±{e['val_paired_noise_pts']:.2f}%p" in line
    assert ensemble_line({"metrics": {}}) == ""


def test_the_shipped_model_is_an_ensemble_only_because_its_rule_said_so():
    """The page's model averages several builds only when the build measured ENSEMBLE_RULE's
    conditions itself (model.json), and its members are different weights on one vocabulary."""
    import torch

    from seqcore.sentiment.ko_model import MeanOfLogits

    shipped = ko_build.load()
    if "members" not in shipped.info:
        assert isinstance(shipped.model, ko_build.KoreanNet)
        return
    e = shipped.info["metrics"]["ensemble"]
    assert e["rule_ships"] and e["val_paired_gap_pts"] > e["val_paired_noise_pts"]
    assert e["dev_negation_paired_gap_pts"] >= -e["dev_negation_paired_noise_pts"]
    assert e["seeds"] == ",".join(str(m["seed"]) for m in shipped.info["members"])
    assert isinstance(shipped.model, MeanOfLogits) and len(shipped.model.members) == e["members"]
    first, second = (m.embedding.weight for m in shipped.model.members[:2])
    assert first.shape == second.shape and not torch.equal(first, second)


def test_members_trained_together_are_the_builds_trained_apart(tmp_path):
    """train_ensemble prepares the rule sentences, tokenizer and tensors once for all its members:
    each member's weights are still exactly those of a separate build with its seed."""
    import dataclasses

    import torch

    from seqcore.sentiment.ko_train import train_ensemble, train_korean

    parts = split_parts(nsmc.load(write_nsmc_fixture(tmp_path / "nsmc.tsv", n=400)))
    cfg = dataclasses.replace(ko_build.DEFAULT, epochs=1, templates=50)
    run, members = train_ensemble(cfg, [42, 7], parts.train, parts.val)
    apart = train_korean(dataclasses.replace(cfg, seed=7, data_seed=42), parts.train, parts.val)
    assert [m.config.seed for m in members] == [42, 7] and run.n_train == apart.n_train
    assert run.vocab.itos() == apart.vocab.itos()
    together, alone = members[1].model.state_dict(), apart.model.state_dict()
    assert together.keys() == alone.keys()
    assert all(torch.equal(together[k], alone[k]) for k in alone)
    assert not torch.equal(members[0].model.fc.weight, members[1].model.fc.weight)
