import pytest
import torch

from seqcore.basics.models import RecurrentClassifier, RNNClassifier, classifier_demo


@pytest.mark.parametrize(("batch", "classes"), [(4, 3), (1, 2), (16, 10)])
def test_lesson_classifier_output_shape(batch, classes):
    shape, n_params = classifier_demo(batch, 5, 10, 20, classes, seed=0)
    assert shape == (batch, classes)
    assert n_params == 10 * 20 + 20 * 20 + 2 * 20 + 20 * classes + classes


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_recurrent_classifier_uses_the_last_hidden_state(kind):
    torch.manual_seed(0)
    model = RecurrentClassifier(kind, 3, 4, 2)
    x = torch.randn(5, 7, 3)
    out, _ = model.rnn(x)
    assert torch.allclose(model(x), model.fc(out[:, -1]), atol=1e-6)


def test_recurrent_classifier_rejects_unknown_kind():
    with pytest.raises(ValueError, match="unknown recurrent layer"):
        RecurrentClassifier("transformer", 1, 1, 1)


def test_rnn_classifier_is_the_lessons():
    model = RNNClassifier(10, 20, 3)
    assert isinstance(model.rnn, torch.nn.RNN) and model.rnn.batch_first
    assert model(torch.randn(4, 5, 10)).shape == (4, 3)
