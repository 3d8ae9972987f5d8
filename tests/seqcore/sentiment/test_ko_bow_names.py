"""The Korean bag of words names its n-grams once per trained model, not on every page run."""


def test_contributions_reuse_the_models_feature_names():
    from seqcore.sentiment.ko_eval import train_char_baseline

    texts = [
        "정말 재미있다",
        "너무 지루하다",
        "재미있는 영화",
        "지루한 영화",
        "최고의 영화",
        "최악의 영화",
    ] * 3
    labels = [1, 0, 1, 0, 1, 0] * 3
    bow = train_char_baseline(texts, labels)
    first = bow.contributions("재미있다")
    names = bow.feature_names
    assert bow.contributions("재미있다") == first
    assert bow.feature_names is names  # built once
    tfidf = bow.pipeline.named_steps["tfidf"]
    assert list(names) == list(tfidf.get_feature_names_out())
    grams = {g for g, _ in first}
    assert grams and grams <= set(names) and "재" in grams  # the text's own n-grams, named right
