import json

import pytest

from seqcore.cli import char_lm


def test_the_teachers_command_on_a_small_text_file(tmp_path, korean, capsys):
    path = tmp_path / "reviews.txt"
    path.write_text(korean, encoding="utf-8")
    char_lm.main(["--text", str(path), "--seconds", "2", "--seed", "3"])
    out = json.loads(capsys.readouterr().out)
    assert out["unit"] == "char" and out["epochs"] >= 1 and out["train_seconds"] >= 2
    assert 1 < out["held_out_perplexity"] < out["unigram_perplexity"]
    for t in (0.5, 1.0):
        texts = [s["text"] for s in out["samples"] if s["temperature"] == t]
        assert len(texts) >= 5 and all(len(s) >= 200 for s in texts)


@pytest.mark.parametrize(
    "argv",
    [
        ["--seconds", "abc"],
        ["--seconds", "0"],
        ["--seconds", "-5"],
        ["--seed", "-1"],
        ["--seed", "x"],
        ["--bogus"],
    ],
)
def test_bad_arguments_exit_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        char_lm.main(argv)
    assert exc.value.code == 2
    assert capsys.readouterr().err


def test_an_unusable_file_exits_with_a_message(tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("짧은 글", encoding="utf-8")
    for path in (short, tmp_path / "missing.txt"):
        with pytest.raises(SystemExit) as exc:
            char_lm.main(["--text", str(path), "--seconds", "1"])
        assert exc.value.code == 2
    assert "2,000" in capsys.readouterr().err


def test_the_benchmark_records_perplexity_against_seconds(monkeypatch, tiny_config):
    from bench import char_lm_bench

    monkeypatch.setattr(char_lm_bench, "QUICK_SECONDS", 1.0)
    monkeypatch.setattr(char_lm.data, "nsmc_corpus", lambda *a: tiny_config.corpus())  # the CLI's NSMC
    res = char_lm_bench.measure(quick=True, cfg=tiny_config)
    assert res["char_lm.default.held_ppl"] < res["char_lm.default.unigram_ppl"]
    curve = [res[f"char_lm.default.epoch{e:02d}.held_ppl"] for e in range(tiny_config.epochs + 1)]
    seconds = [res[f"char_lm.default.epoch{e:02d}.s"] for e in range(tiny_config.epochs + 1)]
    assert seconds == sorted(seconds) and curve[-1] < curve[0]
    assert res["char_lm.cli.train_s"] >= 1.0 and res["char_lm.cli.min_sample_chars"] >= 200
    assert all(isinstance(v, int | float) for v in res.values())
