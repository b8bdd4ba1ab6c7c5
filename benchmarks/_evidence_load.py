"""What bench_calendar.py and bench_mbox.py share: ``load`` of a calendar or a mailbox with a
generated Connections.csv, in a fresh interpreter (imports excluded)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOAD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import netanalysis
from netanalysis.errors import Problems
from netanalysis.model.load import load_inputs
from netanalysis.io.inputs import resolve_inputs
import netanalysis.io.calendar, netanalysis.io.mail, netanalysis.io.connections, netanalysis.io.interactions
inputs = resolve_inputs(connections={connections!r}, {kind}=[{path!r}])
t0 = time.perf_counter()
problems = Problems()
net = load_inputs(inputs, problems=problems, as_of={until!r})
seconds = time.perf_counter() - t0
frame = net.meetings if net.meetings is not None else net.mails
print(json.dumps({{"load": seconds, "rows": len(frame), "people": int(frame["person_id"].nunique()),
                  "unmatched": net.evidence.unmatched, "errors": len(problems.errors),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def connections_for(folder: Path, people: int) -> Path:
    """A Connections.csv of ``people`` connections (person<i>@example.org), two in three with their address
    (matched by it), the others under names nobody in the export has (so they match nobody)."""
    path = folder / "Connections.csv"
    rows = [f"Person{i},Test,https://www.linkedin.com/in/person-{i},"
            f"{'' if i % 3 == 0 else f'person{i}@example.org'},Acme,Role,01 Jan 2020" for i in range(people)]
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows)
                    + "\n", encoding="utf-8")
    return path


def measure_load(kind: str, path: Path, connections: Path, until: str | None = None) -> dict:
    """``netanalysis.load`` of the connections and ``path`` (``kind`` is ``calendar`` or ``mail``)."""
    code = LOAD.format(root=str(ROOT), kind=kind, path=str(path), connections=str(connections), until=until)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
