"""UCI "Sentiment Labelled Sentences" (Kotzias et al. 2015, CC BY 4.0): download, cache, parse.

3,000 sentences, 1,000 each from IMDb, Amazon and Yelp, one per line as `sentence<TAB>label`.
Two traps in the IMDb file: stray quote characters (a CSV reader merges lines: 748 rows instead
of 1,000) and U+0085 NEXT LINE characters inside sentences (`str.splitlines()` breaks there:
1,002 lines). So: split on "\\n" only, and each line on its LAST tab.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from seqcore.core.cache import CacheStore, memo
from seqcore.sentiment.baselines import BASELINES, BaselineConfig, BaselineRun, train_baseline
from seqcore.sentiment.reviews import ReviewConfig, ReviewRun, train_reviews
from seqcore.sentiment.rnn import accuracy

URL = "https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip"
FILES = {"imdb": "imdb_labelled.txt", "amazon": "amazon_cells_labelled.txt", "yelp": "yelp_labelled.txt"}
SOURCES = tuple(FILES)
SOURCE_NAMES = {"imdb": "IMDb", "amazon": "Amazon", "yelp": "Yelp"}
MAX_DOWNLOAD_BYTES = 5_000_000  # the zip is about 85 kB; never read more than this
# IMDb and Amazon ship with the app (CC BY 4.0, see ATTRIBUTION.md there); Yelp comes by download.
SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "uci_sentiment"


UCI_STORE = CacheStore("sentiment_uci", max_entries=3)  # real-review comparisons
FILES_STORE = CacheStore("sentiment_uci_files", max_entries=6, max_mb=8)  # parsed review files


class UCIUnavailable(RuntimeError):
    """The data set could not be read from the cache nor downloaded (offline, say)."""


@dataclass(frozen=True)
class Review:
    text: str
    label: int  # 1 positive, 0 negative
    source: str  # "imdb", "amazon" or "yelp"


def parse_labelled(text: str, source: str) -> list[Review]:
    """Parse one `*_labelled.txt` file; blank or label-less lines are skipped."""
    reviews = []
    for line in text.split("\n"):  # NOT splitlines(): U+0085 is inside sentences
        sentence, tab, label = line.rstrip("\r").rpartition("\t")  # the LAST tab
        label = label.strip()
        if not tab or label not in ("0", "1"):
            continue
        sentence = " ".join(sentence.replace("\x85", " ").split())
        if sentence:
            reviews.append(Review(sentence, int(label), source))
    return reviews


def read_folder(folder: Path | str) -> dict[str, list[Review]]:
    """The sources whose file is in `folder` (missing files are left out)."""
    folder = Path(folder)
    data = {}
    for source, name in FILES.items():
        path = folder / name
        if path.is_file():
            stat = path.stat()
            data[source] = list(_parse_file(str(path), stat.st_mtime_ns, stat.st_size, source))
    return data


@memo(FILES_STORE)  # a page rerun reads the same files again: parsed once per (path, mtime, size)
def _parse_file(path: str, mtime_ns: int, size: int, source: str) -> tuple[Review, ...]:
    return tuple(parse_labelled(Path(path).read_bytes().decode("utf-8", errors="replace"), source))


def cache_dir() -> Path:
    """~/.cache/seqlab/uci_sentiment (SEQLAB_CACHE overrides), or a temp folder if not writable."""
    base = Path(os.environ.get("SEQLAB_CACHE", Path.home() / ".cache" / "seqlab"))
    for folder in (base / "uci_sentiment", Path(tempfile.gettempdir()) / "seqlab" / "uci_sentiment"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder
        except OSError:
            continue
    raise UCIUnavailable("no writable cache folder")


def extract_zip(payload: bytes, dest: Path) -> list[str]:
    """Write the three `*_labelled.txt` files of the UCI zip into `dest`; returns the sources."""
    found = []
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        for info in zf.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if "__MACOSX" in info.filename or name.startswith("._"):
                continue
            for source, fname in FILES.items():
                if name == fname:
                    (dest / fname).write_bytes(zf.read(info))
                    found.append(source)
    return found


def download(dest: Path, url: str = URL, timeout: float = 10.0, opener: Callable | None = None) -> list[str]:
    """Fetch the zip from UCI and extract it into `dest`. Raises UCIUnavailable when offline."""
    opener = opener or urllib.request.urlopen  # looked up at call time, so tests can replace it
    try:
        with opener(url, timeout=timeout) as response:
            payload = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UCIUnavailable(f"download failed: {exc}") from exc
    if len(payload) > MAX_DOWNLOAD_BYTES:
        raise UCIUnavailable("download too large")
    try:
        found = extract_zip(payload, dest)
    except zipfile.BadZipFile as exc:
        raise UCIUnavailable(f"not a zip file: {exc}") from exc
    if not found:
        raise UCIUnavailable("the zip holds none of the labelled files")
    return found


def load(
    folder: Path | str | None = None, allow_download: bool = True, **download_kw
) -> dict[str, list[Review]]:
    """All three sources from the cache folder, downloading them once when they are missing.

    Offline with some files already cached, the cached sources are returned.
    """
    folder = Path(folder) if folder is not None else cache_dir()
    data = read_folder(folder)
    if len(data) < len(FILES) and allow_download:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            download(folder, **download_kw)
        except UCIUnavailable:
            if not data:
                raise
        data = read_folder(folder)
    if not data:
        raise UCIUnavailable(f"no UCI files in {folder}")
    return data


def load_available(
    shipped: Path | str = SHIPPED_DIR, cached: Path | str | None = None
) -> dict[str, list[Review]]:
    """What is here without a network: the shipped files, plus any source downloaded into the cache."""
    data = read_folder(shipped)
    try:
        extra = read_folder(cached if cached is not None else cache_dir())
    except UCIUnavailable:
        extra = {}
    data.update({s: v for s, v in extra.items() if s not in data})
    return {s: data[s] for s in SOURCES if s in data}


def fingerprint(data: dict[str, list[Review]]) -> str:
    """A short hash of every loaded sentence and label: results are cached under it."""
    digest = hashlib.sha256()
    for source in sorted(data):
        for r in data[source]:
            digest.update(f"{source}\t{r.label}\t{r.text}\n".encode())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- splits


@dataclass(frozen=True)
class Split:
    name: str  # a key of split_names()
    train: tuple[Review, ...]
    test: tuple[Review, ...]


def source_split(
    data: dict[str, list[Review]], train_sources: Sequence[str], test_sources: Sequence[str]
) -> Split:
    """Train on some sources, test on others: does it transfer to a new kind of review?"""
    missing = [s for s in (*train_sources, *test_sources) if s not in data]
    if missing:
        raise KeyError(f"sources not loaded: {missing}")
    train = tuple(r for s in train_sources for r in data[s])
    test = tuple(r for s in test_sources for r in data[s])
    return Split("+".join(train_sources) + "->" + "+".join(test_sources), train, test)


def random_split(data: dict[str, list[Review]], test_fraction: float = 0.2, seed: int = 0) -> Split:
    """A shuffled held-out split over all loaded sources (same seed, same split)."""
    everything = [r for s in SOURCES if s in data for r in data[s]]
    random.Random(seed).shuffle(everything)
    n_test = max(1, round(len(everything) * test_fraction))
    return Split("random", tuple(everything[n_test:]), tuple(everything[:n_test]))


ALL_SPLITS = ("random", "imdb+amazon->yelp", "imdb->amazon", "amazon->imdb")


def available_splits(data: dict[str, list[Review]]) -> list[str]:
    """The split names that the loaded sources allow; the first is the default."""
    names = ["random"]
    if all(s in data for s in SOURCES):
        names.append("imdb+amazon->yelp")
    if "imdb" in data and "amazon" in data:
        names += ["imdb->amazon", "amazon->imdb"]
    return names


def make_split(data: dict[str, list[Review]], name: str, seed: int = 0) -> Split:
    if name == "random":
        return random_split(data, seed=seed)
    train, test = name.split("->")
    return source_split(data, train.split("+"), test.split("+"))


def split_label(name: str) -> str:
    """Korean label of a split name, e.g. 'IMDb + Amazon → Yelp'."""
    if name == "random":
        return "무작위 20% 검증 (모든 출처)"
    train, test = name.split("->")
    side = lambda part: " + ".join(SOURCE_NAMES[s] for s in part.split("+"))  # noqa: E731
    return f"{side(train)} → {side(test)}"


# ---------------------------------------------------------------- training on real reviews


@dataclass(frozen=True)
class UCIConfig:
    """Which split of which data, and the real-review recipe: the cache key of one comparison.

    `data_id` is the fingerprint of the loaded sentences, so that a result is never shown for
    data other than the data it was trained on (files added by a download, say).
    """

    split: str = "random"
    data_id: str = ""
    model: ReviewConfig = ReviewConfig()


@dataclass
class UCIResult:
    """The order-aware model and the bags of words, trained and scored on one split."""

    config: UCIConfig
    run: ReviewRun
    baselines: dict[str, BaselineRun]
    accuracy: dict[str, float]  # model name -> test accuracy
    seconds: dict[str, float]  # model name -> training seconds
    counts: dict[str, int]  # sentences per loaded source
    n_train: int
    n_test: int
    test: tuple[Review, ...]  # the split's test part (uci_report reads its negated sentences)

    def models(self) -> list[str]:
        return list(self.accuracy)

    def predict(self, text: str) -> dict[str, float]:
        out = {REVIEW_MODEL: self.run.probabilities([text])[0]}
        out.update({name: run.probabilities([text])[0] for name, run in self.baselines.items()})
        return out


REVIEW_MODEL = "BiGRU × 단어 증거 (순환)"


def default_config(data: dict[str, list[Review]]) -> UCIConfig:
    return UCIConfig(split=available_splits(data)[0], data_id=fingerprint(data))


def uci_comparison(config: UCIConfig, data: dict[str, list[Review]], on_epoch=None) -> UCIResult:
    """The real-review model vs bag of words vs n-grams on one split of the UCI sentences."""
    if config.data_id and config.data_id != fingerprint(data):
        raise ValueError("the loaded sentences are not the ones this configuration names")
    split = make_split(data, config.split, seed=0)
    train_x, train_y = [r.text for r in split.train], [r.label for r in split.train]
    test_x, test_y = [r.text for r in split.test], [r.label for r in split.test]
    run = train_reviews(config.model, train_x, train_y, on_epoch=on_epoch)
    baselines = {
        name: train_baseline(BaselineConfig(ngram_max=ng[1]), train_x, train_y)
        for name, ng in BASELINES.items()
    }
    acc = {REVIEW_MODEL: accuracy(run.probabilities(test_x), test_y)}
    acc.update({n: accuracy(b.probabilities(test_x), test_y) for n, b in baselines.items()})
    seconds = {REVIEW_MODEL: run.seconds, **{n: b.seconds for n, b in baselines.items()}}
    counts = {s: len(v) for s, v in data.items()}
    return UCIResult(config, run, baselines, acc, seconds, counts, len(train_x), len(test_x), split.test)


def train_uci(config: UCIConfig, on_epoch=None) -> UCIResult:
    """The page's trainer: the data available offline (shipped + downloaded), checked by fingerprint."""
    return uci_comparison(config, load_available(), on_epoch=on_epoch)
