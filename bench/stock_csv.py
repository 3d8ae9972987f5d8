"""`python -m bench.stock_csv PATH [--seeds 0-4] [--horizon K]`: the public name of
seqcore.cli.stock_csv (the stock page's default on any price file, as JSON)."""

from seqcore.cli.stock_csv import main

if __name__ == "__main__":
    raise SystemExit(main())
