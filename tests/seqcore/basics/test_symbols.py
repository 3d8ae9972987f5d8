import pytest

from seqcore.basics import symbols


def test_caption_defines_each_symbol_in_order():
    text = symbols.caption("sigma", "odot")
    assert text.startswith("기호  \n· σ: ") and text.index("σ:") < text.index("⊙:")
    assert text.count("  \n") == 2  # one line each


def test_the_bptt_notation_is_defined():
    text = symbols.caption("partial_plus", "jacobian", "tanh_prime", "a_j", "diag")
    assert "\\partial^{+}" in text and "야코비안:" in text


def test_unknown_symbol_is_an_error():
    with pytest.raises(KeyError):
        symbols.caption("nabla")
