"""Figures of give and take and of time: reciprocity, the monthly balance, staleness.

Each function takes a plain DataFrame with the documented columns and returns
a plotly.js figure spec (:mod:`netanalysis.plots.spec`, the theme's template);
:mod:`netanalysis.plots.figures` wraps each as a plotly Figure.  Colour
meaning: what you *gave* is green (:data:`~netanalysis.plots.theme.GIVEN`),
what you received slate blue, overdue amber.  Missing data gives a figure that
says what is missing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .chartdata import CADENCE_COLUMNS, columns_or_none, reciprocity_points, staleness_rows
from .spec import numbers
from .theme import FIXED, GIVEN, GRID, HEALTHY, INK, MUTED, RECEIVED, TEMPLATE, WARNING, empty_spec, escape, \
    legend_below_title, short_labels, text_width, unique_labels

__all__ = ["reciprocity_spec", "balance_spec", "staleness_spec", "CADENCE_COLUMNS", "NO_LOG", "NO_CADENCE"]

NO_LOG = "No interactions logged yet"
NO_CADENCE = "No ties with a cadence yet: add cadence_days in contacts.csv, or log some interactions"
#: Margins (px): beside tick labels; with an axis title too; below x ticks; below x ticks with a title.
_TICK_PAD, _AXIS_TITLE, _X_TICKS, _X_TITLED = 14, 42, 34, 58


def reciprocity_spec(per_contact: pd.DataFrame, *, top: int = 40, labels: int = 6,
                     title: str = "Given and received per contact") -> dict:
    """What you gave (x) against what you received (y), one point per contact.

    Parameters
    ----------
    per_contact : DataFrame
        Required: ``contact`` (display name), ``given``, ``received`` (sums of
        value).  Contacts with nothing exchanged are left out.
    top : int
        Draw the ``top`` contacts with the most exchanged (``given + received``;
        ties broken by the gap ``|given - received|``, then name).
    labels : int
        Name the ``labels`` drawn contacts with the biggest gaps on the chart
        (several on the same spot share one label: "Ann +2"; a label that
        would overlap one of a bigger gap is left out, hover names everyone).
    title : str

    Returns
    -------
    dict
        A spec: trace "balanced" (the diagonal ``y = x``), then up to three point
        traces "you gave more" (green), "you received more" (blue),
        "even" (grey); x = given, y = received (both axes on the same range,
        so the diagonal runs corner to corner), hover text with the name,
        ``text`` the name for labelled points and "" otherwise.

    Examples
    --------
    >>> per = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [5, 1, 0], "received": [1, 4, 0]})
    >>> spec = reciprocity_spec(per)
    >>> [(t["name"], t["x"], t["y"]) for t in spec["data"][1:]]
    [('you gave more', [5], [1]), ('you received more', [1], [4])]
    """
    points = reciprocity_points(per_contact, top=top, labels=labels)
    if points is None:
        return empty_spec(NO_LOG, title=title)
    frame, top_value, total_contacts = points
    text = frame["label"].map(escape)
    traces = [dict(type="scatter", x=[0, top_value], y=[0, top_value], mode="lines", name="balanced",
                   hoverinfo="skip", line=dict(color=MUTED, width=1, dash="dot"))]
    sides = (("you gave more", frame["given"] > frame["received"], GIVEN),
             ("you received more", frame["given"] < frame["received"], RECEIVED),
             ("even", frame["given"] == frame["received"], MUTED))
    for name, mask, colour in sides:
        rows = frame[mask]
        if rows.empty:
            continue
        traces.append(dict(
            type="scatter", x=numbers(rows["given"]), y=numbers(rows["received"]), mode="markers+text", name=name,
            text=text[mask].tolist(),
            textposition=["top left" if g > top_value / 2 else "top right" for g in rows["given"]],
            cliponaxis=False, textfont=dict(size=11, color=INK), hoverinfo="text",
            hovertext=[f"<b>{escape(n)}</b><br>you gave {g:g}<br>you received {r:g}"
                       for n, g, r in zip(rows["name"], rows["given"], rows["received"])],
            marker=dict(size=10, color=colour, opacity=0.8, line=dict(color="white", width=1))))
    subtitle = (f"the {len(frame)} contacts with the most exchanged, of {total_contacts:,}"
                if total_contacts > len(frame) else None)
    height = 480
    layout = dict(
        template=TEMPLATE, height=height,
        title=dict(text=escape(title), subtitle=dict(text=subtitle)) if subtitle else dict(text=escape(title)),
        legend=legend_below_title(height, subtitle=bool(subtitle)),
        margin=dict(t=12, l=_AXIS_TITLE + text_width([f"{top_value:,.0f}"]), b=_X_TITLED),
        xaxis=dict(FIXED, title=dict(text="you gave (sum of value)"), range=[0, top_value]),
        yaxis=dict(FIXED, title=dict(text="you received (sum of value)"), range=[0, top_value]))
    return {"data": traces, "layout": layout, "narrow": dict(title=dict(font=dict(size=14)))}


def balance_spec(monthly: pd.DataFrame, *, title: str = "Given and received per month") -> dict:
    """Monthly bars of what you gave and received, and a line for the net.

    Parameters
    ----------
    monthly : DataFrame
        From :func:`netanalysis.analysis.timeline.monthly_ledger`.  Required:
        ``month`` (month start), ``given``, ``received``; optional
        ``interactions`` (hover).  All zero, or empty, gives a figure saying
        "No interactions logged yet".
    title : str

    Returns
    -------
    dict
        A spec: traces "given" and "received" (bars) and "net" (``given -
        received``, a line), x = the months (ISO dates of the month starts).

    Examples
    --------
    >>> monthly = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]),
    ...                         "given": [3, 0], "received": [1, 2]})
    >>> spec = balance_spec(monthly)
    >>> [(t["name"], t["y"]) for t in spec["data"]]
    [('given', [3, 0]), ('received', [1, 2]), ('net', [2, -2])]
    >>> spec["data"][0]["x"]
    ['2026-01-01', '2026-02-01']
    """
    frame = columns_or_none(monthly, ("month", "given", "received"))
    if frame is None:
        return empty_spec(NO_LOG, title=title)
    given = pd.to_numeric(frame["given"], errors="coerce").fillna(0)
    received = pd.to_numeric(frame["received"], errors="coerce").fillna(0)
    count = (pd.to_numeric(frame["interactions"], errors="coerce").fillna(0) if "interactions" in frame.columns
             else given * 0)
    if not ((given != 0).any() or (received != 0).any() or (count != 0).any()):
        return empty_spec(NO_LOG, title=title)
    months = pd.to_datetime(frame["month"]).dt.strftime("%Y-%m-%d").tolist()
    traces = [
        dict(type="bar", x=months, y=numbers(given), name="given", marker=dict(color=GIVEN),
             customdata=numbers(count),
             hovertemplate="%{x|%b %Y}<br>you gave %{y}<br>%{customdata} interactions<extra></extra>"),
        dict(type="bar", x=months, y=numbers(received), name="received", marker=dict(color=RECEIVED),
             hovertemplate="%{x|%b %Y}<br>you received %{y}<extra></extra>"),
        dict(type="scatter", x=months, y=numbers(given - received), name="net", mode="lines+markers",
             line=dict(color=INK, width=2), marker=dict(size=5),
             hovertemplate="%{x|%b %Y}<br>net %{y:+}<extra></extra>"),
    ]
    height = 360
    layout = dict(template=TEMPLATE, height=height, barmode="group", title=dict(text=escape(title)),
                  legend=legend_below_title(height),
                  margin=dict(t=12, l=_AXIS_TITLE + text_width([f"-{_biggest(given, received):,.0f}"]), b=_X_TICKS),
                  xaxis=dict(FIXED, type="date", tickformat="%b %Y", showgrid=False),
                  yaxis=dict(FIXED, title=dict(text="sum of value"), zeroline=True, zerolinecolor=MUTED))
    # A phone: the months' names turn 30° or more, and need room below.
    return {"data": traces, "layout": layout, "narrow": dict(margin=dict(b=64))}


def staleness_spec(table: pd.DataFrame, *, top: int = 25, cadence: str | None = None,
                   title: str = "Days since last contact against cadence") -> dict:
    """Horizontal bars of days since last contact, with each tie's cadence as a tick.

    Parameters
    ----------
    table : DataFrame
        One row per tie.  Required: ``contact``, ``days_since_last`` and a
        cadence in days (the column ``cadence``, else the first of
        :data:`CADENCE_COLUMNS`).  Optional: ``strength`` (hover, ties).
        Rows without a cadence or never contacted are left out.
    top : int
        Draw the ``top`` ties, most overdue first (``overdue = days_since_last
        - cadence``, ties broken by strength, then name).
    cadence : str, optional
        The cadence column's name.
    title : str

    Returns
    -------
    dict
        A spec: trace "days since last contact" (bars, x = days, y = names, most
        overdue on top; amber when ``overdue > 0``, green otherwise) and trace
        "cadence" (ticks at x = cadence).

    Examples
    --------
    >>> table = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "days_since_last": [40, 10, 5],
    ...                       "cadence": [30, 30, float("nan")], "strength": [0.5, 0.6, 0.1]})
    >>> bars, ticks = staleness_spec(table)["data"]
    >>> bars["y"], bars["x"], ticks["x"]
    (['Ann', 'Bo'], [40, 10], [30, 30])
    """
    frame = staleness_rows(table, top=top, cadence=cadence)
    if frame is None:
        return empty_spec(NO_CADENCE, title=title)
    names = unique_labels(frame["name"])
    late = (frame["overdue"] > 0).to_numpy()
    hover = [f"<b>{n}</b><br>{d:,.0f} days since last contact<br>cadence {c:,.0f} days<br>"
             + (f"overdue by {o:,.0f} days" if o > 0 else f"due in {-o:,.0f} days")
             + (f"<br>strength {s:.2f}" if s == s else "")
             for n, d, c, o, s in zip(names, frame["days"], frame["cadence"], frame["overdue"], frame["strength"])]
    traces = [
        dict(type="bar", x=numbers(frame["days"]), y=names, orientation="h", name="days since last contact",
             marker=dict(color=[WARNING if x else HEALTHY for x in late]), hoverinfo="text", hovertext=hover),
        dict(type="scatter", x=numbers(frame["cadence"]), y=names, mode="markers", name="cadence",
             marker=dict(symbol="line-ns", size=16, line=dict(color=INK, width=2)), hoverinfo="text",
             hovertext=hover),
    ]
    overdue = int(late.sum())
    height = 160 + 24 * len(names)
    layout = dict(
        template=TEMPLATE, height=height, bargap=0.35,
        title=dict(text=escape(title), subtitle=dict(text=f"{overdue} of the {len(names)} shown overdue (amber)")),
        legend=legend_below_title(height, subtitle=True), margin=dict(t=12, l=_TICK_PAD + text_width(names),
                                                                      b=_X_TITLED),
        xaxis=dict(FIXED, title=dict(text="days"), rangemode="tozero", gridcolor=GRID),
        yaxis=dict(FIXED, autorange="reversed", showgrid=False))
    short = short_labels(names, 16)
    narrow = dict(title=dict(font=dict(size=14)), margin=dict(l=_TICK_PAD + text_width(short)),
                  yaxis=dict(tickmode="array", tickvals=names, ticktext=short))
    return {"data": traces, "layout": layout, "narrow": narrow}


def _biggest(*columns) -> float:
    """The largest absolute value in the columns (what the y axis's widest tick label shows)."""
    return float(max((np.abs(np.asarray(c, dtype=float)).max() if len(c) else 0.0) for c in columns))
