"""Since your last review: which actions were done, which ties moved, how the balance moved.

:func:`since` compares an earlier review's plain summary (``report --json``,
read with :func:`netanalysis.io.previous.read_previous`) with the review of
today, as of their two dates ``p < a``:

``actions``
    each action of the earlier plan, with its ``verb``, ``contacts``,
    ``done`` and ``what_happened``.  An action is done when there is evidence
    of contact with one of its contacts after ``p`` (any kind, as ``last_contact``
    counts it).  Two verbs are judged otherwise: an ``introduce`` is done
    only when an ``intro`` row after ``p`` joins the two (being in touch with
    one of them is not an introduction); a ``wind down`` is done when there
    was *no* contact after ``p``.
``became_strong``, ``cooled``, ``went_dormant``, ``revived``
    ties strong now and not then; cooling now and not then; dormant now and
    not then; dormant then and in touch after ``p``.  "Then" is the earlier
    summary's own state lists (``view.state``), so the comparison is with what
    that review said.
``new_connections``
    connections made in ``(p, a]``, each with ``followed_up``.
``changes``
    the balance (the received share of the time-weighted exchange), depth,
    renewal (effort on relations begun in the last year) and purpose alignment,
    each ``before``, ``after``, ``change`` (after - before), ``tone``
    (``good``/``bad``/``""``, by the seeds' direction; ``""`` for a move under two
    points) and a sentence.  The balance is judged as the reciprocity finding
    judges it, by its taking term ``T = clip((share - 0.5) / 0.35, 0, 1)``
    (:func:`netanalysis.analysis.reciprocity.taking`): a change of ``T`` under
    :data:`BALANCE_STEP` (0.1, 3.5 points of share above half) is no change, so
    48% -> 51% is neither good nor bad, and giving more than you get is never
    bad.

An earlier summary of another format is refused by the reader; one that is not
earlier than today's review is an error here.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .._format import percent, plural, quantity
from ..errors import InputError
from .reciprocity import taking

__all__ = ["since", "SHOWN", "BALANCE_STEP"]

#: Names listed per table (the rest is "and N more").
SHOWN = 12
#: A change of the reciprocity taking term under this is no change of the balance.
BALANCE_STEP = 0.1


def since(previous: dict, rev) -> dict:
    """What changed between the earlier review ``previous`` (a plain summary) and ``rev``.

    Parameters
    ----------
    previous : dict
        An earlier review's summary (:func:`netanalysis.analysis.summary.summarize`).
    rev : Review
        Today's review (its ``ties``, ``rows`` and ``as_of`` are read).

    Returns
    -------
    dict
        ``previous_as_of``, ``days``, ``sentence``, ``actions``, ``became_strong``,
        ``cooled``, ``went_dormant``, ``revived``, ``new_connections``,
        ``changes`` and ``tables`` (module docstring); plain values.

    Raises
    ------
    InputError
        When ``previous`` is not earlier than ``rev``.

    Examples
    --------
    >>> import netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> before = netanalysis.review(net, as_of="2026-09-01").to_dict()
    >>> after = netanalysis.review(net, as_of="2026-11-01", previous=before)
    >>> s = after.since
    >>> s["previous_as_of"], s["days"], len(s["actions"]) == len(before["actions"])
    ('2026-09-01', 61, True)
    >>> sorted(s["changes"][0])
    ['after', 'before', 'change', 'key', 'label', 'sentence', 'tone']
    """
    then = dt.date.fromisoformat(str(previous["as_of"])[:10])
    now = rev.as_of
    if then >= now:
        raise InputError.from_message(
            "--since", f"holds a review as of {then.isoformat()}, which is not earlier than this one "
                       f"({now.isoformat()})", fix="give the summary of an earlier review, or a later --as-of")
    ties = rev.ties
    stamp = pd.Timestamp(then)
    last = pd.to_datetime(ties["last_contact"])
    touched = set(ties.index[(last > stamp).to_numpy()])
    state = (previous.get("view") or {}).get("state") or {}
    names = {**state.get("names", {}), **ties["contact"].to_dict()}

    def ids(mask) -> list[str]:
        return sorted(ties.index[mask.to_numpy()].tolist())

    became = [p for p in ids(ties["strong"]) if p not in set(state.get("strong", []))]
    cooled = [p for p in ids(ties["cooling"]) if p not in set(state.get("cooling", []))]
    dormant = [p for p in ids(ties["dormant"]) if p not in set(state.get("dormant", []))]
    revived = sorted(p for p in state.get("dormant", []) if p in touched)
    connected = pd.to_datetime(ties["connected_on"])
    fresh = ties[ties["on_linkedin"].astype(bool) & (connected > stamp)]
    new = [{"person_id": p, "contact": row["contact"], "connected_on": row["connected_on"].date().isoformat(),
            "followed_up": bool(row["followed_up"])} for p, row in fresh.sort_values("connected_on").iterrows()]
    actions = [_action(a, ties, rev.rows, stamp, touched) for a in previous.get("actions", [])]
    changes = _changes(previous, rev)
    done = sum(a["done"] for a in actions)
    followed = sum(n["followed_up"] for n in new)
    parts = []
    if actions:
        parts.append(f"{done} of the {quantity(len(actions), 'action')} of your last plan "
                     f"{plural(done, 'was', 'were')} done")
    parts.append(f"{quantity(len(became), 'tie')} became strong, {len(cooled):,} started cooling")
    if revived:
        parts.append(f"{len(revived):,} dormant {plural(len(revived), 'tie was', 'ties were')} revived")
    parts.append(f"{quantity(len(new), 'new connection')}, {followed:,} followed up")
    tables = [_table("Became strong", became, names), _table("Started cooling", cooled, names),
              _table("Went dormant", dormant, names), _table("Revived (dormant then, in touch since)", revived,
                                                            names),
              _table("New connections not followed up", [n["person_id"] for n in new if not n["followed_up"]],
                     names)]
    return {"previous_as_of": then.isoformat(), "days": (now - then).days,
            "sentence": "; ".join(parts) + ".", "actions": actions, "became_strong": became, "cooled": cooled,
            "went_dormant": dormant, "revived": revived, "new_connections": new, "changes": changes,
            "tables": tables}


def _action(action: dict, ties: pd.DataFrame, rows: pd.DataFrame, stamp: pd.Timestamp, touched: set) -> dict:
    people = [p for p in action.get("person_ids", []) if p in ties.index]
    contacts = action.get("contacts", [])
    verb = action.get("verb", "")
    seen = [p for p in people if p in touched]
    latest = max((ties.loc[p, "last_contact"] for p in seen), default=None)
    if verb == "wind down":
        done = not seen
        what = ("No contact since the last review." if done else
                f"Still in touch: last contact {latest:%Y-%m-%d}.")
    elif verb == "introduce" and len(people) == 2:
        made = rows[(rows["kind"] == "intro") & (rows["date"] > stamp) & rows["person_id"].isin(people)]
        joined = made[made["with_ids"].map(lambda w: bool(set(w) & set(people)))]
        done = len(joined) > 0
        what = (f"Introduced on {joined['date'].max():%Y-%m-%d}." if done else
                f"Not introduced yet (in touch on {latest:%Y-%m-%d})." if seen else
                "Not introduced yet, and no contact since the last review.")
    else:
        done = bool(seen)
        what = (f"In touch on {latest:%Y-%m-%d}." if done else "No contact since the last review.")
    if len(people) < len(action.get("person_ids", [])):
        what += " (someone in it is no longer in your network)"
    return {"verb": verb, "contacts": contacts, "person_ids": action.get("person_ids", []), "rule": action.get("rule"),
            "done": bool(done), "what_happened": what}


def _changes(previous: dict, rev) -> list[dict]:
    """Balance, depth, renewal and purpose: before, after, change, tone and a sentence."""
    def get(section: str, key: str):
        value = (previous.get(section) or {}).get(key)
        return None if value is None else float(value)

    now = {"received_share_recent": rev.reciprocity.received_share_recent, "depth": rev.depth.depth,
           "newness": rev.diversity.newness, "alignment": rev.purpose.alignment}
    specs = [("balance", "reciprocity", "received_share_recent", "the value that came your way", -1),
             ("depth", "depth", "depth", "your depth score", +1),
             ("renewal", "diversity", "newness", "your effort on relations begun in the last year", +1),
             ("purpose", "purpose", "alignment", "the match of your effort with your mission", +1)]
    out = []
    for key, section, field, label, better in specs:
        before, after = get(section, field), now[field]
        after = None if after is None or after != after else float(after)
        if before is None or after is None:
            out.append({"key": key, "label": label, "before": before, "after": after, "change": None, "tone": "",
                        "sentence": f"{label.capitalize()}: not comparable (undefined in one of the reviews)."})
            continue
        change = after - before
        if key == "balance":              # judged as the reciprocity finding judges it: how far above half
            moved = taking(after) - taking(before)
            tone = "" if abs(moved) < BALANCE_STEP else ("bad" if moved > 0 else "good")
        else:
            tone = "" if abs(change) < 0.02 else ("good" if change * better > 0 else "bad")
        shown = (lambda v: percent(v)) if key != "depth" else (lambda v: f"{v:.2f}")
        word = "stayed" if shown(before) == shown(after) else "rose" if change > 0 else "fell"
        sentence = (f"{label.capitalize()} {word} from {shown(before)} to {shown(after)}." if word != "stayed"
                    else f"{label.capitalize()} stayed at {shown(after)}.")
        out.append({"key": key, "label": label, "before": before, "after": after, "change": change, "tone": tone,
                    "sentence": sentence})
    return out


def _table(title: str, ids: list[str], names: dict) -> dict:
    shown = [str(names.get(p, p)) for p in ids[:SHOWN]]
    return {"title": title, "names": shown, "more": max(0, len(ids) - SHOWN)}
