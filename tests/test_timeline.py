"""monthly_ledger: sums of value per month and direction, hand-worked on small logs."""
from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.analysis.timeline import monthly_ledger


def make_log(rows):
    """rows: (date, direction, value, person_id)."""
    return pd.DataFrame({
        "date": pd.to_datetime([r[0] for r in rows]),
        "direction": [r[1] for r in rows],
        "value": pd.Series([r[2] for r in rows], dtype="int64"),
        "person_id": [r[3] for r in rows],
    })


class TestHandWorked:
    # as_of 2026-03-15, months=4 -> Dec 2025, Jan, Feb, Mar 2026
    LOG = make_log([
        ("2025-11-30", "gave", 5, "a"),       # before Dec 1: out of the window
        ("2025-12-01", "gave", 2, "a"),       # Dec: given 2
        ("2025-12-31", "received", 3, "b"),   # Dec: received 3
        ("2026-01-10", "mutual", 4, "a"),     # Jan: mutual 4 (in neither ledger)
        ("2026-01-11", "gave", 1, None),      # nobody: ignored
        ("2026-03-15", "gave", 4, "b"),       # as_of itself counts: Mar given 4
        ("2026-03-15", "gave", 1, "a"),       # Mar given 4 + 1 = 5
        ("2026-03-16", "received", 5, "a"),   # after as_of: ignored
    ])

    def test_rows(self):
        out = monthly_ledger(self.LOG, "2026-03-15", months=4)
        assert list(out["month"]) == list(pd.to_datetime(["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"]))
        assert out["given"].tolist() == [2, 0, 0, 5]
        assert out["received"].tolist() == [3, 0, 0, 0]
        assert out["mutual"].tolist() == [0, 4, 0, 0]
        assert out["interactions"].tolist() == [2, 1, 0, 2]      # Feb present with zeros

    def test_columns_and_dtypes(self):
        out = monthly_ledger(self.LOG, "2026-03-15", months=4)
        assert list(out.columns) == ["month", "given", "received", "mutual", "interactions"]
        assert all(str(out[c].dtype) == "int64" for c in ["given", "received", "mutual", "interactions"])
        assert pd.api.types.is_datetime64_any_dtype(out["month"])

    def test_default_is_24_months_ending_in_the_month_of_as_of(self):
        out = monthly_ledger(self.LOG, pd.Timestamp("2026-03-15 17:30"))
        assert len(out) == 24
        assert out["month"].iloc[0] == pd.Timestamp("2024-04-01")
        assert out["month"].iloc[-1] == pd.Timestamp("2026-03-01")
        assert out["given"].sum() == 5 + 2 + 5      # now Nov 2025 is inside: 5 + 2 + (4 + 1)

    def test_replay_as_of_an_earlier_day(self):
        out = monthly_ledger(self.LOG, "2026-01-10", months=2)   # Dec, Jan up to the 10th
        assert out["given"].tolist() == [2, 0]
        assert out["mutual"].tolist() == [0, 4]


@pytest.mark.parametrize("log", [None, make_log([]), make_log([("2020-01-01", "gave", 3, "a")])])
def test_no_rows_in_window_gives_zeros(log):
    out = monthly_ledger(log, "2026-03-15", months=3)
    assert len(out) == 3
    assert (out[["given", "received", "mutual", "interactions"]] == 0).all().all()


def test_months_must_be_positive():
    with pytest.raises(ValueError, match="months"):
        monthly_ledger(None, "2026-03-15", months=0)
