"""Part 1 (기초): cells, shapes, order, gradients, long dependency, gates, parameter counts, comparison, BiRNN."""
