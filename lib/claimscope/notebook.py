"""What the notebooks share: get the run's tables, and save a figure.

In a report run the runner has analysed the corpus once and passes ``tables_dir``;
opened by hand in JupyterLab a notebook has no ``tables_dir`` and analyses the
corpus itself (in memory, writing nothing).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from claimscope.display import md
from claimscope.tables import read_tables

SAVE_DPI = 120  # the figures' resolution in a run's figures/
PROFILE_FIGURE = "04_profile_small_multiples"  # 04's profile of the older measures
FRAMING_FIGURE = "05_framing_by_group"  # 05's framing profile, also shown on index.html


def load_tables(
    corpus: str,
    *,
    tables_dir: str | None = None,
    lexicon_dir: str | None = None,
    since: str | None = None,
    until: str | None = None,
    claims: str | dict | None = None,
) -> dict[str, pd.DataFrame]:
    """The run's tables: read from ``tables_dir`` when given, else analysed now (with
    the researcher's ``claims``: a YAML file or a mapping of name -> phrases)."""
    if tables_dir:
        return read_tables(tables_dir)
    # analysing here needs the analysers (nltk, TextBlob): loaded only now
    from claimscope.analysis import Lexicons
    from claimscope.corpus import load_corpus
    from claimscope.engine import analyze_corpus

    loaded = load_corpus(corpus)
    if since or until:
        loaded = loaded.filter_dates(since, until)
    from claimscope.claims import load_claims

    return analyze_corpus(loaded, lexicons=Lexicons.from_dir(lexicon_dir),
                          claims=load_claims(claims))


def save_figure(fig, figures_dir: str | None, name: str) -> None:  # noqa: ANN001
    """Save ``fig`` as ``figures_dir/name.png`` (a report run); do nothing when unset.

    In a notebook with the inline backend the saved PNG is then shown in the figure's
    place (at the figure's size on screen) and the figure closed, so it is drawn once
    instead of again for the notebook. Returns nothing, so a cell ending with it shows
    the figure and no path.
    """
    if not figures_dir:
        return
    path = Path(figures_dir) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=SAVE_DPI, bbox_inches="tight", metadata={"Software": None})
    _show_saved(fig, path)


def _show_saved(fig, path: Path) -> None:  # noqa: ANN001
    """Display the PNG at ``path`` in place of ``fig`` when the inline backend would
    draw ``fig`` again at the end of the cell; otherwise leave ``fig`` alone."""
    import matplotlib

    if "inline" not in matplotlib.get_backend():
        return
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    png = path.read_bytes()
    width = int.from_bytes(png[16:20], "big")  # the IHDR chunk: width in pixels
    display(Image(data=png, format="png", width=round(width * fig.dpi / SAVE_DPI)))
    plt.close(fig)


def few_warning(frame: pd.DataFrame, *, label: str, min_n: int, what: str = "sentences",
                n: str = "n", limit: int = 8) -> str | None:
    """A Markdown warning naming the rows of ``frame`` with ``0 < n < min_n`` (the first
    ``limit`` of them, fewest first); None when there are none.

    Rows with n = 0 are not estimates at all and are left to the caller to drop.
    """
    few = frame[(frame[n] > 0) & (frame[n] < min_n)]
    if few.empty:
        return None
    few = few.assign(label_=few[label].astype(str)).sort_values([n, "label_"])
    names = "; ".join(f"{md(row.label_)} (n={int(getattr(row, n))})"
                      for row in few.head(limit).itertuples())
    more = f"; and {len(few) - limit} more" if len(few) > limit else ""
    return (f"**Warning: few {what}.** {len(few)} of {len(frame[frame[n] > 0])} estimates rest "
            f"on fewer than {min_n} {what} (grey or hatched in the figure): {names}{more}. "
            "Read them as examples, not as a pattern.")

