"""seqcore: the computing core of the sequence-model teaching app.

Plain Python, NumPy and torch. Only `seqcore.ui` imports Streamlit.
"""

import os

# One thread for every OpenMP/BLAS pool (torch's, NumPy's OpenBLAS, scikit-learn's) unless
# the environment says otherwise. It must be set before those libraries load; torch's own
# count is set again by runtime.configure_threads. See docs/performance.md, "threads".
os.environ.setdefault("OMP_NUM_THREADS", os.environ.get("SEQCORE_THREADS", "1"))
