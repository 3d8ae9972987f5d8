"""One-line definitions of the notation the lesson's equations use, for a caption under the
equation where a page first writes it (issue 29: ∂⁺, 야코비안 and others appeared undefined).

`caption("sigma", "odot")` -> "기호  \n· σ: ...  \n· ⊙: ..." (one symbol a line, in the order asked).
Markdown with $math$, the app's own text.
"""

from __future__ import annotations

SYMBOLS: dict[str, tuple[str, str]] = {  # name -> (how it is written, what it means)
    "tanh": ("tanh", "값을 −1과 1 사이로 누르는 함수"),
    "sigma": ("σ", "시그모이드. 어떤 값이든 0과 1 사이로 바꿔서 '얼마나 통과시킬지'를 나타내요"),
    "odot": ("⊙", "같은 자리의 값끼리 곱하기 (행렬곱이 아니에요)"),
    "concat": ("$[h_{t-1}, x_t]$", "두 벡터를 하나로 이어 붙인 것"),
    "c_tilde": ("$\\tilde{C}_t$", "이번 시점에 셀에 새로 쓸 후보 값"),
    "prod": ("∏", "모두 곱하기 (∑가 모두 더하기인 것처럼)"),
    "n_t": ("$n_t$", "PyTorch가 후보 은닉 상태 $\\tilde{h}_t$를 부르는 이름"),
    "partial_plus": (
        "$\\partial^{+} h_k / \\partial W_{hh}$",
        "$h_{k-1}$을 고정된 값으로 보고, 시점 k의 계산에서 $W_{hh}$가 $h_k$에 직접 주는 영향만 미분한 값",
    ),
    "a_j": ("$a_j$", "tanh에 들어가기 전의 값, $W_{hh} h_{j-1} + W_{xh} x_j + b_h$"),
    "tanh_prime": ("$\\tanh'$", "tanh의 기울기 $1 - \\tanh^2$. 항상 0과 1 사이예요"),
    "diag": ("diag(v)", "벡터 v를 대각선에 놓은 행렬. 유닛마다 따로 곱한다는 뜻이에요"),
    "jacobian": (
        "야코비안",
        "벡터를 벡터로 미분한 행렬. $\\partial h_j / \\partial h_{j-1}$의 (a, b) 칸은 "
        "$h_{j-1}$의 b번째 값이 조금 바뀔 때 $h_j$의 a번째 값이 얼마나 바뀌는지예요",
    ),
    "norm": ("‖v‖", "벡터 v의 길이(노름). 모든 값을 제곱해 더한 뒤 제곱근"),
}


def caption(*names: str) -> str:
    """'기호' and one line per symbol named, in that order (KeyError for an unknown one)."""
    return "기호" + "".join(f"  \n· {SYMBOLS[n][0]}: {SYMBOLS[n][1]}" for n in names)
