"""UCI-format fixture files that the tests write themselves (a user's clone has no ../shared)."""

from seqcore.sentiment import uci

# Both traps of the IMDb file: stray quotes (a CSV reader swallows lines into one field)
# and U+0085 inside sentences (str.splitlines() breaks there). Plus a sentence holding a tab,
# a CRLF line, a blank line and a line without a label.
IMDB = (
    '"Not sure who was more lost - the flat characters or the audience.  \t0\n'
    "A very, very, very slow-moving, aimless movie.  \t0\n"
    'The acting was "great\t1\n'
    "It was\x85 a masterpiece.\t1\n"
    "Tabs\tinside the\tsentence.\t0\n"
    "Windows line ending.\t1\r\n"
    "   \n"
    "no label here\n"
    "Last line without newline.\t1"
)
IMDB_COUNT = 7  # labelled lines
AMAZON = "Great phone.\t1\nBattery died fast.\t0\nWorks well.\t1\n"
YELP = "Loved the food.\t1\nRude staff.\t0\n"


def write_fixture(folder, sources=("imdb", "amazon", "yelp")):
    texts = {"imdb": IMDB, "amazon": AMAZON, "yelp": YELP}
    for s in sources:
        (folder / uci.FILES[s]).write_text(texts[s], encoding="utf-8")
    return folder


def write_sized_fixture(folder, sources=("imdb", "amazon"), per_source: int = 60):
    """UCI-format files of `per_source` sentences each, taken from the generated corpus (varied
    per source), large enough for the real-review trainer's folds and validation part."""
    from seqcore.sentiment.corpus import generate

    train = generate().train
    for k, s in enumerate(sources):
        rows = train[k * per_source : (k + 1) * per_source]
        text = "".join(f"{e.text} ({s}).\t{e.label}\n" for e in rows)
        (folder / uci.FILES[s]).write_text(text, encoding="utf-8")
    return folder


def korean_rows(n: int = 240, seed: int = 0) -> list[tuple[str, int]]:
    """Labelled Korean sentences made by the template rules (a user's clone has no ../shared)."""
    from seqcore.sentiment.ko_templates import generate

    x, y = generate(n, seed=seed)
    return list(zip(x, y))


def write_nsmc_fixture(path, n: int = 240, seed: int = 0):
    """A file in the NSMC layout (header `id document label`), with a row of the wrong shape."""
    lines = ["id\tdocument\tlabel"] + [
        f"{9000 + i}\t{t}\t{y}" for i, (t, y) in enumerate(korean_rows(n, seed))
    ]
    lines.insert(3, "123\tno label here")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_pairs_fixture(path, n: int = 60, seed: int = 1):
    """The same kind of sentences as `sentence<TAB>label` lines, with a comment line."""
    lines = ["# a comment"] + [f"{t}\t{y}" for t, y in korean_rows(n, seed)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
