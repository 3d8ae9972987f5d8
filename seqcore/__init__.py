"""seqcore: the computing core of the sequence-model teaching app.

Plain Python, NumPy and torch. Only `seqcore.ui` imports Streamlit.
"""
