"""The one door for text a learner, a link or a file wrote: it becomes inert before any markdown.

Streamlit renders markdown (and, in places, a little HTML and $math$) in titles, captions,
alerts, metrics' labels and help. Text that is not the app's own - a typed sentence, a quiz
answer, a URL query value, a CSV's column or file name - goes through `plain` (or is shown with
`st.text`/`st.code`), so `![x](http://...)` shows as typed and no browser fetches anything.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = set("\\`*_{}[]()#!|<>~$:&.")  # special anywhere in a line (. breaks www. links)


def plain(text: object) -> str:
    """A learner's (or a link's, or a file's) text made inert for markdown.

    Markdown and HTML characters are backslash-escaped (list and heading markers only where they
    start a line), so links, images, emphasis, math and tags show as typed and the text reads the
    same. GFM turns bare URLs and e-mail addresses into links whatever is escaped: a zero-width
    space inside "://", after "www" and before "@" keeps them text.
    """
    s = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in str(text))
    s = re.sub(r"(?m)^(\s*)([-+=])", r"\1\\\2", s)  # bullets, setext underlines
    s = re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", s)  # ordered-list markers
    return re.sub(r"(?i)(?<=www)(?=\\\.)|(?<=:)(?=//)|(?=@)", "\u200b", s)
