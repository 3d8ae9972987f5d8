"""The Korean weights: the one documented command trains what the page loads (small run), and
the teachers' command reads both file layouts."""

from __future__ import annotations

import json

import pytest
import torch
from uci_fixtures import write_nsmc_fixture, write_pairs_fixture

from seqcore.cli import sentiment_eval
from seqcore.data import nsmc
from seqcore.sentiment import ko_build
from seqcore.sentiment.ko_train import inputs, split_parts


def test_both_file_layouts_are_read(tmp_path):
    x, y = sentiment_eval.read_korean(write_nsmc_fixture(tmp_path / "a.tsv", n=50))
    assert len(x) == len(y) == 50 and set(y) == {0, 1}  # the row without a label is skipped
    x2, y2 = sentiment_eval.read_korean(write_pairs_fixture(tmp_path / "b.txt", n=20))
    assert len(x2) == 20 and x2[0] and set(y2) <= {0, 1}


def test_bad_arguments_get_a_message_and_a_nonzero_exit(tmp_path, capsys):
    code = sentiment_eval.main(["--lang", "ko", "--train", str(tmp_path / "missing.tsv"), "--test", "x"])
    assert code == 2 and "missing.tsv" in capsys.readouterr().err
    one = tmp_path / "one.txt"
    one.write_text("좋다\t1\n최고\t1\n", encoding="utf-8")
    assert sentiment_eval.main(["--lang", "ko", "--train", str(one), "--test", str(one)]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as out:  # a share, not a count: said before any reading or training
        ko_build.main(["--data", str(tmp_path / "missing.tsv"), "--prefixes", "30"])
    assert out.value.code == 2 and "--prefixes" in capsys.readouterr().err


@pytest.mark.slow  # two tiny trainings (sentencepiece, BiGRU) and a bag of words
def test_the_build_command_still_trains_what_the_page_loads(tmp_path):
    data = write_nsmc_fixture(tmp_path / "nsmc.tsv", n=400)
    out = tmp_path / "model"
    shipped = ko_build.load()
    assert shipped.info["command"] == ko_build.SHIPPED_COMMAND  # what the README and the page's message say
    # the shipped command's own arguments, made small
    recipe = ko_build.SHIPPED_COMMAND.removeprefix(ko_build.COMMAND).split()
    small_run = ["--data", str(data), "--out", str(out), "--epochs", "1", "--templates", "50"]
    assert ko_build.main([*recipe, *small_run]) == 0
    small = ko_build.load(out)
    assert [m["seed"] for m in small.info["members"]] == [m["seed"] for m in shipped.info["members"]]
    assert small.info["metrics"]["ensemble"].keys() == shipped.info["metrics"]["ensemble"].keys()
    assert small.info["config"].keys() == shipped.info["config"].keys()
    same = lambda cfg: {k: v for k, v in cfg.items() if k not in ("epochs", "templates")}  # noqa: E731
    assert same(small.info["config"]) == same(shipped.info["config"])  # the page's recipe, made small
    assert small.info["metrics"].keys() == shipped.info["metrics"].keys()
    assert type(small.model) is type(shipped.model)
    assert [n for n, _ in small.model.named_parameters()] == [n for n, _ in shipped.model.named_parameters()]
    for model in (small, shipped):
        x = inputs(model.tokenizer, model.vocab, model.config, ["지루하지는 않았다", "최악"])
        assert model.model(*x).shape == (2, 1)
    assert small.info["command"].startswith(ko_build.COMMAND) and "--out" not in small.info["command"]
    args = ["--data", str(data), "--out", str(tmp_path / "pieces"), "--epochs", "1", "--templates", "50"]
    assert ko_build.main([*args, "--bag", "pieces"]) == 0  # the builds the page's table compares
    pieces = ko_build.load(tmp_path / "pieces")
    assert (pieces.config.bow, pieces.config.bow_chars) == (True, False) and pieces.model.char_ngrams is None
    assert pieces.info["command"].endswith("--bag pieces")
    assert json.loads((out / "model.json").read_text(encoding="utf-8"))["vocab"][:2] == ["<PAD>", "<UNK>"]
    # a probe set written after a build: measured with its weights, the same figures as at build time
    info = json.loads((out / "model.json").read_text(encoding="utf-8"))
    was = {k: info["metrics"].pop(k) for k in list(info["metrics"]) if "r5_probe" in k or "negated_test" in k}
    block = dict(info["metrics"]["ensemble"])  # the members alone and together: r5 and the pool out too
    info["metrics"]["ensemble"] = {
        k: v for k, v in block.items() if "r5_probe" not in k and "report" not in k
    }
    (out / "model.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    parts = split_parts(nsmc.load(data))
    assert (
        ko_build.measure_new_probes(out, parts) == ["r5_probe", "negated_test", "ensemble"]
        and ko_build.measure_new_probes(out, parts) == []
    )
    now = ko_build.load(out).info["metrics"]
    assert {k: now[k] for k in was} == was and len(was) == 9
    assert now["ensemble"] == block and "ensemble.r5_probe_acc" in block  # the pool counted again, as built


@pytest.mark.slow  # the Korean recurrent model and the bag of words on tiny files
def test_teachers_command_in_korean_prints_accuracy_per_test_file(tmp_path, capsys):
    train = write_nsmc_fixture(tmp_path / "train.tsv", n=300)
    test = write_pairs_fixture(tmp_path / "test.txt", n=40)
    probes = write_pairs_fixture(tmp_path / "probes.tsv", n=10, seed=7)
    argv = [
        "--lang",
        "ko",
        "--train",
        str(train),
        "--test",
        str(test),
        "--probes",
        str(probes),
        "--seeds",
        "0",
    ]
    assert sentiment_eval.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["train_sentences"] == 300 and out["test_sentences"] == {"test.txt": 40}
    kinds = [m["kind"] for m in out["models"]]
    assert kinds == ["recurrent", "bag-of-words"] and "character" in out["models"][1]["name"]
    for m in out["models"]:
        acc = m["accuracy"]["test.txt"]
        assert acc["per_seed"] == [acc["mean"]] and 0 <= acc["mean"] <= 1
        assert len(m["probes"]["wrong"]) == 1 and m["train_seconds"]["max"] >= 0


@pytest.mark.slow  # two tiny trainings
def test_builds_on_one_data_seed_share_their_tokenizer_and_differ_in_weights(tmp_path):
    data = write_nsmc_fixture(tmp_path / "nsmc.tsv", n=400)
    args = ["--data", str(data), "--epochs", "1", "--templates", "50"]
    assert ko_build.main([*args, "--out", str(tmp_path / "a")]) == 0
    assert ko_build.main([*args, "--out", str(tmp_path / "b"), "--seed", "7", "--data-seed", "42"]) == 0
    a, b = ko_build.load(tmp_path / "a"), ko_build.load(tmp_path / "b")
    assert (tmp_path / "a" / "spm.model").read_bytes() == (tmp_path / "b" / "spm.model").read_bytes()
    assert a.info["vocab"] == b.info["vocab"] and a.info["n_train"] == b.info["n_train"]
    assert (b.config.seed, b.config.data_seed, b.config.rule_seed) == (7, 42, 42)
    assert a.config.data_seed is None and a.config.rule_seed == 42
    assert not torch.equal(a.model.fc.weight, b.model.fc.weight)
    assert b.info["command"].endswith("--seed 7 --data-seed 42")
    assert ko_build.flags_of(b.config).endswith(" --seed 7 --data-seed 42")
