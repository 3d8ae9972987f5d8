"""`python -m seqcore.quiz`: see seqcore.quiz.cli."""

import sys

from seqcore.quiz.cli import main

sys.exit(main())
