"""Source text made safe to print on a terminal.

Articles come from anywhere, and a terminal obeys the control bytes in what
it prints: `ESC]0;...BEL` retitles the window, `ESC[2J` clears the screen,
`ESC[31m` colours everything after it, some sequences even make the terminal
answer as if the user had typed. Text an article supplies therefore passes
through `terminal_safe` wherever it reaches a terminal: the text brief, the
Markdown brief (read in terminals and editors alike), the `stories` tables
and the evaluation listings. It removes whole escape sequences, so that no
parameter debris such as `31m` is left behind, then every other control
character but newline and tab, and the bidirectional embeddings, overrides and
isolates: a right-to-left override makes a terminal show text in an order other
than the one it was written in ("Trojan Source"), so a reader could see a
figure or a name reversed. Plain direction marks (LRM, RLM) only nudge
neutral characters and stay.

The store keeps the bytes as they were read, and JSON output keeps them too,
escaped (`contract.json_text`), so that nothing is lost for programs.
"""

from __future__ import annotations

import re

_SEQUENCES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]              # CSI: ESC[ or its C1 form, parameters, final byte
    | (?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f])           # OSC, DCS, SOS, PM, APC (ESC or C1 form) ...
      [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?         # ... up to BEL or ST (or the end of the line)
    | \x1b [ -/]* [0-~]                                # any other escape: ESC, intermediates, final byte
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)  # C0 but \t, \n; DEL; C1; bidi


def terminal_safe(text: str) -> str:
    """`text` without escape sequences, control characters or bidi overrides; newlines and tabs kept."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
