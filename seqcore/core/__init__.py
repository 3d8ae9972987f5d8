"""What every topic shares: device policy, threads, seeds, the training loop, bounded caches, the layer registry."""
