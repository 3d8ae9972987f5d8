"""`python -m bench.char_lm [--text FILE] [--seconds 60] [--seed 0]`: see seqcore/cli/char_lm.py."""

from seqcore.cli.char_lm import main

if __name__ == "__main__":
    main()
