"""claimscope: who is cited, with which reporting verb, how firmly, in what tone.

The functions a researcher calls from a notebook of their own:

>>> import claimscope
>>> result = claimscope.analyze("Officials said the plant may open.")
>>> [(a.source.text, a.cue.text) for a in result.attributions]
[('Officials', 'said')]

* :func:`analyze` one text or :class:`Document` -> a :class:`DocumentAnalysis`
* :func:`load_corpus` a folder, .jsonl or .csv -> a :class:`Corpus` (documents and issues)
* :func:`analyze_corpus` a loaded corpus -> its tables (pandas DataFrames, in memory)
* :func:`analyze_to_folder` documents -> tables written to a folder, streaming
* :func:`read_tables` a folder of tables (``reports/latest/tables``) -> DataFrames
* :func:`run_report` the whole report, as ``claimscope report`` runs it

Each is imported on first use, so ``import claimscope`` itself is quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "analyze": "claimscope.analysis",
    "DocumentAnalysis": "claimscope.analysis",
    "Lexicons": "claimscope.analysis",
    "Corpus": "claimscope.corpus",
    "CorpusError": "claimscope.corpus",
    "Document": "claimscope.corpus",
    "document_from_text": "claimscope.corpus",
    "load_corpus": "claimscope.corpus",
    "open_corpus": "claimscope.corpus",
    "analyze_corpus": "claimscope.engine",
    "analyze_to_folder": "claimscope.engine",
    "read_tables": "claimscope.tables",
    "write_tables": "claimscope.tables",
    "run_report": "claimscope.report",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimscope' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
