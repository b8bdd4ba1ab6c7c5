"""Figures of give and take and of time: reciprocity, the monthly balance, staleness.

Each function takes a plain DataFrame with the documented columns and returns
a :class:`plotly.graph_objects.Figure` (``"netanalysis"`` template).  Colour
meaning: what you *gave* is green (:data:`~netanalysis.plots.theme.GIVEN`),
what you received slate blue, overdue amber.  Missing data gives a figure that
says what is missing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .theme import GIVEN, GRID, HEALTHY, INK, MUTED, RECEIVED, TEMPLATE, TOP_LEGEND, WARNING, empty_figure, \
    escape, top_margin, unique_labels

__all__ = ["reciprocity_scatter", "balance_timeline", "staleness_chart", "CADENCE_COLUMNS"]

#: Column names tried, in order, for the cadence in :func:`staleness_chart`.
CADENCE_COLUMNS = ("cadence_days_used", "cadence_used", "cadence", "cadence_days")
NO_LOG = "No interactions logged yet"


def reciprocity_scatter(per_contact: pd.DataFrame, *, top: int = 40, labels: int = 6,
                        title: str = "Given and received per contact") -> go.Figure:
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
        (several on the same spot share one label: "Ann +2").
    title : str

    Returns
    -------
    Figure
        Trace "balanced" (the diagonal ``y = x``), then up to three point
        traces "you gave more" (green), "you received more" (blue),
        "even" (grey); x = given, y = received (both axes on the same range,
        so the diagonal runs corner to corner), hover text with the name,
        ``text`` the name for labelled points and "" otherwise.

    Examples
    --------
    >>> per = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [5, 1, 0], "received": [1, 4, 0]})
    >>> fig = reciprocity_scatter(per)
    >>> [(t.name, list(t.x), list(t.y)) for t in fig.data[1:]]
    [('you gave more', [5], [1]), ('you received more', [1], [4])]
    """
    frame = _columns(per_contact, ("contact", "given", "received"))
    if frame is None:
        return empty_figure(NO_LOG, title=title)
    frame = frame.assign(given=pd.to_numeric(frame["given"], errors="coerce").fillna(0),
                         received=pd.to_numeric(frame["received"], errors="coerce").fillna(0))
    frame = frame[(frame["given"] + frame["received"]) > 0]
    if frame.empty:
        return empty_figure(NO_LOG, title=title)
    total_contacts = len(frame)
    frame = frame.assign(total=frame["given"] + frame["received"], gap=(frame["given"] - frame["received"]).abs(),
                         name=frame["contact"].astype(str))
    frame = frame.sort_values(["total", "gap", "name"], ascending=[False, False, True], kind="stable").head(top)
    text = _labels(frame, labels)
    top_value = float(max(frame["given"].max(), frame["received"].max())) * 1.08 + 0.5
    traces = [go.Scatter(x=[0, top_value], y=[0, top_value], mode="lines", name="balanced", hoverinfo="skip",
                         line=dict(color=MUTED, width=1, dash="dot"))]
    sides = (("you gave more", frame["given"] > frame["received"], GIVEN),
             ("you received more", frame["given"] < frame["received"], RECEIVED),
             ("even", frame["given"] == frame["received"], MUTED))
    for name, mask, colour in sides:
        rows = frame[mask]
        if rows.empty:
            continue
        traces.append(go.Scatter(
            x=rows["given"].tolist(), y=rows["received"].tolist(), mode="markers+text", name=name,
            text=text[mask].tolist(),
            textposition=["top left" if g > top_value / 2 else "top right" for g in rows["given"]],
            cliponaxis=False, textfont=dict(size=11, color=INK), hoverinfo="text",
            hovertext=[f"<b>{escape(n)}</b><br>you gave {g:g}<br>you received {r:g}"
                       for n, g, r in zip(rows["name"], rows["given"], rows["received"])],
            marker=dict(size=10, color=colour, opacity=0.8, line=dict(color="white", width=1))))
    subtitle = (f"the {len(frame)} contacts with the most exchanged, of {total_contacts:,}"
                if total_contacts > len(frame) else None)
    fig = go.Figure(traces)
    fig.update_layout(
        template=TEMPLATE, height=480,
        title=dict(text=escape(title), subtitle=dict(text=subtitle) if subtitle else None),
        legend=TOP_LEGEND, margin=dict(t=top_margin(subtitle=bool(subtitle), legend=True)),
        xaxis=dict(title=dict(text="you gave (sum of value)"), range=[0, top_value]),
        yaxis=dict(title=dict(text="you received (sum of value)"), range=[0, top_value]))
    return fig


def balance_timeline(monthly: pd.DataFrame, *, title: str = "Given and received per month") -> go.Figure:
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
    Figure
        Traces "given" and "received" (bars) and "net" (``given - received``,
        a line), x = the months.

    Examples
    --------
    >>> monthly = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]),
    ...                         "given": [3, 0], "received": [1, 2]})
    >>> fig = balance_timeline(monthly)
    >>> [(t.name, list(t.y)) for t in fig.data]
    [('given', [3, 0]), ('received', [1, 2]), ('net', [2, -2])]
    """
    frame = _columns(monthly, ("month", "given", "received"))
    if frame is None:
        return empty_figure(NO_LOG, title=title)
    given = pd.to_numeric(frame["given"], errors="coerce").fillna(0)
    received = pd.to_numeric(frame["received"], errors="coerce").fillna(0)
    count = (pd.to_numeric(frame["interactions"], errors="coerce").fillna(0) if "interactions" in frame.columns
             else given * 0)
    if not ((given != 0).any() or (received != 0).any() or (count != 0).any()):
        return empty_figure(NO_LOG, title=title)
    months = pd.to_datetime(frame["month"])
    given_list, received_list = _plain_numbers(given), _plain_numbers(received)
    net = _plain_numbers(given - received)
    fig = go.Figure([
        go.Bar(x=months, y=given_list, name="given", marker=dict(color=GIVEN), customdata=_plain_numbers(count),
               hovertemplate="%{x|%b %Y}<br>you gave %{y}<br>%{customdata} interactions<extra></extra>"),
        go.Bar(x=months, y=received_list, name="received", marker=dict(color=RECEIVED),
               hovertemplate="%{x|%b %Y}<br>you received %{y}<extra></extra>"),
        go.Scatter(x=months, y=net, name="net", mode="lines+markers", line=dict(color=INK, width=2),
                   marker=dict(size=5), hovertemplate="%{x|%b %Y}<br>net %{y:+}<extra></extra>"),
    ])
    fig.update_layout(template=TEMPLATE, height=360, barmode="group", title=dict(text=escape(title)),
                      legend=TOP_LEGEND, margin=dict(t=top_margin(legend=True)),
                      xaxis=dict(tickformat="%b %Y", showgrid=False),
                      yaxis=dict(title=dict(text="sum of value"), zeroline=True, zerolinecolor=MUTED))
    return fig


def staleness_chart(table: pd.DataFrame, *, top: int = 25, cadence: str | None = None,
                    title: str = "Days since last contact against cadence") -> go.Figure:
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
    Figure
        Trace "days since last contact" (bars, x = days, y = names, most
        overdue on top; amber when ``overdue > 0``, green otherwise) and trace
        "cadence" (ticks at x = cadence).

    Examples
    --------
    >>> table = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "days_since_last": [40, 10, 5],
    ...                       "cadence": [30, 30, float("nan")], "strength": [0.5, 0.6, 0.1]})
    >>> fig = staleness_chart(table)
    >>> list(fig.data[0].y), list(fig.data[0].x), list(fig.data[1].x)
    (['Ann', 'Bo'], [40, 10], [30, 30])
    """
    message = "No ties with a cadence yet: add cadence_days in contacts.csv, or log some interactions"
    column = cadence or next((c for c in CADENCE_COLUMNS if table is not None and c in table.columns), None)
    frame = _columns(table, ("contact", "days_since_last") + ((column,) if column else ()))
    if frame is None or column is None:
        return empty_figure(message, title=title)
    frame = pd.DataFrame({
        "name": frame["contact"].astype(str).to_numpy(),
        "days": pd.to_numeric(frame["days_since_last"], errors="coerce").astype(float).to_numpy(),
        "cadence": pd.to_numeric(frame[column], errors="coerce").astype(float).to_numpy(),
        "strength": (pd.to_numeric(frame["strength"], errors="coerce").astype(float).to_numpy()
                     if "strength" in frame.columns else np.nan),
    }).dropna(subset=["days", "cadence"])
    if frame.empty:
        return empty_figure(message, title=title)
    frame["overdue"] = frame["days"] - frame["cadence"]
    frame = frame.sort_values(["overdue", "strength", "name"], ascending=[False, False, True],
                              na_position="last", kind="stable").head(top)
    names = unique_labels(frame["name"])
    late = (frame["overdue"] > 0).to_numpy()
    hover = [f"<b>{n}</b><br>{d:,.0f} days since last contact<br>cadence {c:,.0f} days<br>"
             + (f"overdue by {o:,.0f} days" if o > 0 else f"due in {-o:,.0f} days")
             + (f"<br>strength {s:.2f}" if s == s else "")
             for n, d, c, o, s in zip(names, frame["days"], frame["cadence"], frame["overdue"], frame["strength"])]
    fig = go.Figure([
        go.Bar(x=_plain_numbers(frame["days"]), y=names, orientation="h", name="days since last contact",
               marker=dict(color=[WARNING if x else HEALTHY for x in late]), hoverinfo="text", hovertext=hover),
        go.Scatter(x=_plain_numbers(frame["cadence"]), y=names, mode="markers", name="cadence",
                   marker=dict(symbol="line-ns", size=16, line=dict(color=INK, width=2)), hoverinfo="text",
                   hovertext=hover),
    ])
    overdue = int(late.sum())
    fig.update_layout(
        template=TEMPLATE, height=130 + 24 * len(names), bargap=0.35,
        title=dict(text=escape(title), subtitle=dict(text=f"{overdue} of the {len(names)} shown overdue (amber)")),
        legend=TOP_LEGEND, margin=dict(t=top_margin(subtitle=True, legend=True)),
        xaxis=dict(title=dict(text="days"), rangemode="tozero", gridcolor=GRID),
        yaxis=dict(autorange="reversed", showgrid=False))
    return fig


def _labels(frame: pd.DataFrame, labels: int) -> pd.Series:
    """The names of the ``labels`` biggest gaps (escaped), "" for the rest; several
    labelled contacts on the same spot share one label, "Ann +2"."""
    chosen = frame[frame["gap"] > 0].sort_values(["gap", "total"], ascending=False, kind="stable").head(labels)
    text = pd.Series("", index=frame.index, dtype=object)
    for _, spot in chosen.groupby(["given", "received"], sort=False):
        extra = f" +{len(spot) - 1}" if len(spot) > 1 else ""
        text[spot.index[0]] = escape(spot["name"].iloc[0]) + extra
    return text


def _columns(frame: pd.DataFrame | None, required) -> pd.DataFrame | None:
    """``frame`` if it has rows and the required columns, else None (missing data, not an error)."""
    if frame is None or len(frame) == 0:
        return None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise KeyError(f"missing column(s) {missing}; the table has {list(frame.columns)}")
    return frame


def _plain_numbers(values) -> list:
    """Numbers as Python ints where whole, else floats (plain JSON, readable in tests)."""
    array = np.asarray(values, dtype=float)
    return [int(v) if v == v and float(v).is_integer() else float(v) for v in array]
