"""A character-level language model: a recurrent network that writes Korean one unit at a time.

The page 문자 생성 (pages/language_model.py) reads this package top to bottom:

- `units`: what one step reads, a syllable (글자) or a jamo (자모), and the vocabulary it makes;
- `data`: the shipped NSMC reviews split by a hash of the text, or a learner's own bounded text;
- `batching`: sequential minibatches whose state is carried (truncated BPTT) or random ones;
- `model`: Embedding -> nn.RNN/LSTM/GRU -> Linear, logits (batch, seq, vocab) at every step;
- `metrics`: perplexity, the unigram baseline, how many sampled words are real;
- `sampling`: temperature, greedy, top-5, each draw from the run's own torch.Generator;
- `trainer`: the config the widgets read, one training run with a sample after every epoch.
"""
