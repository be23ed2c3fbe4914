"""The exit codes every `newsweave` command shows under its --help.

Kept apart from `options` so that the command group can show them without
loading the settings and the store that the options read: `newsweave --help`
imports this module and Click only.
"""

from __future__ import annotations

from newsweave.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USER_ERROR

EXIT_CODES = f"""Exit codes: {EXIT_OK} success; 1 the run failed (e.g. a Dask partition failed
after retries, or the database failed mid-run: disk full, locked, connection dropped; what was
stored is kept, run again to finish), with the reason on stderr; {EXIT_USER_ERROR} user error (bad
option, no readable article, unreachable database or one written by a newer newsweave);
{EXIT_PARTIAL} done, but some inputs were skipped (each listed on stderr)."""
