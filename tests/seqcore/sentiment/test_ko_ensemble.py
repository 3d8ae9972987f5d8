"""ko_measure.mean_probabilities / ensemble_keys: several builds read together (bench.sentiment
--ensemble), the mean of their logits against the first build alone."""

from __future__ import annotations

import copy
import math
from types import SimpleNamespace

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
