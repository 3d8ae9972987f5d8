"""The benchmark suite: speed, accuracy and memory, run by hand (`python -m bench`)."""
