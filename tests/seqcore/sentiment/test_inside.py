"""seqcore.sentiment.inside: packing equals the state at the last real token; nearest words."""

from __future__ import annotations

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from seqcore.core import rng
from seqcore.data.text import LESSON_VOCAB
from seqcore.sentiment import inside
from seqcore.sentiment.models import SentimentLSTM


@pytest.fixture(scope="module")
def model():
    return rng.seeded(SentimentLSTM(len(LESSON_VOCAB), 8, 6), 0).eval()


def test_packed_forward_state_is_the_state_at_the_last_real_token(model):
    ids = torch.LongTensor([[2, 3, 4, 6, 0, 0, 0], [5, 7, 0, 0, 0, 0, 0]])
    lengths = torch.tensor([4, 2])
    with torch.no_grad():
        padded, gathered, packed = inside.last_real_states(model, ids, lengths)
        out, _ = model.lstm(model.embedding(ids))
        # forward direction: packing stops at the last real word; so does the gather
        assert torch.allclose(packed[0], gathered[0], atol=1e-6)
        assert torch.allclose(packed[0][0], out[0, 3, :6], atol=1e-6)
        # ... and equals the state of the sentence read alone, without any <PAD>
        _, (alone, _) = model.lstm(model.embedding(ids[:1, :4]))
        assert torch.allclose(packed[0][0], alone[-2][0], atol=1e-6)
        assert torch.allclose(packed[1][0], alone[-1][0], atol=1e-6)
        # h_n after the <PAD> steps is different
        assert (padded[0] - packed[0]).abs().max() > 1e-3


def test_packing_matches_pack_padded_sequence_directly(model):
    ids, lengths = torch.LongTensor([[2, 3, 0]]), torch.tensor([2])
    with torch.no_grad():
        _, _, packed = inside.last_real_states(model, ids, lengths)
        emb = pack_padded_sequence(model.embedding(ids), lengths, batch_first=True)
        _, (h, _) = model.lstm(emb)
    assert torch.allclose(packed[0], h[-2]) and torch.allclose(packed[1], h[-1])


def test_padding_report_numbers(model):
    rep = inside.padding_report(model, "this movie was great")
    assert rep.n_real == 4 and rep.n_pad == 6 and rep.tokens[4] == "<PAD>"
    assert rep.forward_gap > 0 and 0 <= rep.prob_packed <= 1
    full = inside.padding_report(model, "great " * 12)
    assert full.n_pad == 0 and full.forward_gap == 0 and full.prob_padded == pytest.approx(full.prob_packed)
    assert inside.padding_report(model, "") is None


def test_nearest_words_on_a_hand_made_embedding():
    itos = ["<PAD>", "<UNK>", "good", "great", "bad", "awful", "fine"]
    weight = torch.tensor(
        [[0, 0], [1, 1], [1, 0], [0.9, 0.1], [-1, 0], [-0.8, -0.3], [0.5, 0.5]], dtype=torch.float32
    )
    near = inside.nearest_words(weight, itos, "good", k=3)
    assert [w for w, _ in near] == ["great", "fine", "awful"]  # <PAD>/<UNK> skipped, word itself too
    assert near[0][1] == pytest.approx(0.9 / (0.9**2 + 0.1**2) ** 0.5)
    assert [w for w, _ in inside.nearest_words(weight, itos, "bad", k=1)] == ["awful"]
    with pytest.raises(KeyError):
        inside.nearest_words(weight, itos, "zzz")
