"""pyarrow, imported without pandas.

pyarrow's first conversion of Python values (``pa.array([...])``, ``pa.table({...})``) asks
whether pandas is installed, by importing it, to see if the values are a pandas Series
(apache/arrow#34994). pandas is installed beside chDB (the sandbox's engine) and costs
0.3-0.6 s of CPU to import, which the first SQL result or export paid for nothing: the app
never hands pyarrow a pandas object. :func:`pyarrow` lets pyarrow's check find no pandas;
whatever truly needs pandas later (``Table.to_pandas``) still imports it, pyarrow tries again.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from typing import Any

_lock = threading.Lock()
_checked = False


class _NoPandas:
    """An import finder that says pandas is not installed (while pyarrow checks)."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None, target: object = None
    ) -> ModuleSpec | None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"{name} is kept out of pyarrow's check", name=name)
        return None  # any other module: the next finder's


def pyarrow() -> Any:
    """The ``pyarrow`` module, its pandas check made without importing pandas."""
    global _checked
    import pyarrow as pa

    if _checked:
        return pa
    with _lock:
        if not _checked:
            if "pandas" not in sys.modules:
                finder = _NoPandas()
                sys.meta_path.insert(0, finder)
                try:
                    pa.array([0])  # pyarrow's first conversion: its check finds no pandas
                finally:
                    sys.meta_path.remove(finder)
            _checked = True
    return pa
