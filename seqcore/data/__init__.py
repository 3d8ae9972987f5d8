"""The lesson's shared data: the synthetic price series, the toy vocabulary and its reviews."""
