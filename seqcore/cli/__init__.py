"""Teachers' command-line tools (each also reachable by its public name under `bench.`)."""
