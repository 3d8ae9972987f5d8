"""`python -m bench.sentiment_eval`: the teachers' command, kept under its public name.

The implementation lives in `seqcore/cli/sentiment_eval.py`.
"""

from seqcore.cli.sentiment_eval import main

if __name__ == "__main__":
    raise SystemExit(main())
