"""The page's charts are pure specs: numbers in, Vega-Lite out."""

from seqcore.figures import lm as figs


def test_the_perplexity_chart_draws_epochs_up_to_the_slider_on_the_whole_runs_axes():
    spec = figs.perplexity_curves([900, 60, 40, 30], [950, 70, 50, 45], 150.0, upto=1)
    drawn = [r for r in spec["data"]["values"] if r["series"] != figs.BASE]
    assert max(r["x"] for r in drawn) == 1
    assert {r["y"] for r in spec["data"]["values"] if r["series"] == figs.BASE} == {150.0}
    encoding = spec["layer"][0]["encoding"]
    assert encoding["x"]["scale"]["domain"] == [0, 3]  # the axis stays the full run's
    assert encoding["y"]["scale"]["domain"][0] < 30 and encoding["y"]["scale"]["domain"][1] > 950


def test_the_top_5_bars_keep_the_models_order_and_mark_what_came_next():
    spec = figs.next_bars(["런", "건", "거", "것", "결"], [0.25, 0.08, 0.06, 0.03, 0.02], "거")
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["런", "건", "거", "것", "결"]
    assert [r["hit"] for r in spec["data"]["values"]] == [False, False, True, False, False]


def test_gradient_norms_are_drawn_per_update_with_the_clip_line():
    spec = figs.grad_norms(
        {"클리핑 켬": [0.5, 2.0, 0.3], "클리핑 끔": [0.6, 3.0, 0.0]}, 1.0, steps_per_epoch=3
    )
    rows = spec["data"]["values"]
    assert len(rows) == 6 and rows[2]["x"] == 1.0
    assert rows[-1]["y"] is None  # a zero norm cannot sit on a log axis: a gap
    assert spec["layer"][1]["data"]["values"] == [{"y": 1.0}]


def test_both_batchings_on_one_chart_the_second_dashed():
    spec = figs.batching_curves({"이어 읽기": [900, 50, 40], "무작위": [900, 52, 41]}, 150.0)
    assert {r["series"] for r in spec["data"]["values"]} == {"이어 읽기", "무작위", figs.BASE}
    dash = spec["layer"][0]["encoding"]["strokeDash"]["scale"]
    assert dict(zip(dash["domain"], dash["range"]))["무작위"] == [4, 3]
