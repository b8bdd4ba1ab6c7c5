"""Time and peak memory of :func:`netanalysis.io.mail.read_mbox` on a 200,000-message (~2 GB) mbox.

Generates (seeded) a Google-Takeout-style mbox into a temporary folder:
realistic header blocks (``Received`` chains, DKIM and ARC signatures,
``X-Gmail-Labels``, MIME headers; about 2.5 KB each), RFC 2047 encoded names,
Cc lists, 20% mail sent by the owner, 15% newsletters with
``List-Unsubscribe``, strangers, and bodies of a few KB (plain text, HTML
newsletters of 10-20 KB, 4% with base64 attachments of 60-250 KB, ``>From ``
lines).  Then reads it in a fresh process and prints the seconds and the peak
resident memory (``ru_maxrss``), next to a bare read of the file in 4 MiB
blocks for comparison; then :func:`netanalysis.load` of the mbox with 5,000
connections (two in three matched by address), in a fresh process: the
reader, the owner, the matching and the frames.

The goal (issue 15): <= 60 s and <= 300 MiB peak for 200,000 messages.

Run::

    python benchmarks/bench_mbox.py [--messages 200000] [--crlf] [--keep DIR]
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from _evidence_load import connections_for, measure_load

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["Anna", "Søren", "Mette", "Lars", "Jane", "John", "Ahmed", "Li", "Maria", "Jens", "Ole", "Ida", "Zoë"]
LAST = ["Hansen", "Jensen", "Nielsen", "Doe", "Smith", "Khan", "Wang", "García", "Møller", "Berg"]
OWNER = ("Kim Owner", "kim.owner@gmail.com")


def _name(name: str) -> str:
    """A display name as mail clients write it (RFC 2047 when not ASCII)."""
    if name.isascii():
        return f'"{name}"' if "," in name else name
    return "=?UTF-8?Q?" + "".join(c if c.isalnum() and c.isascii() else "".join(f"={b:02X}" for b in
                                                                                 c.encode()) for c in name) + "?="


def _headers(rng: random.Random, sender, recipients, cc, when: dt.datetime, number: int, labels: str,
             newsletter: bool) -> list[str]:
    host = f"mail-{rng.choice('abcdefgh')}{rng.randint(1, 99)}.google.com"
    signature = base64.b64encode(rng.randbytes(256)).decode()
    stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    lines = [f"From {rng.getrandbits(60)}@xxx {when:%a %b %d %H:%M:%S} +0000 {when:%Y}",
             f"X-GM-THRID: {rng.getrandbits(60)}", f"X-Gmail-Labels: {labels}",
             f"Delivered-To: {OWNER[1]}"]
    for hop in range(3):
        lines += [f"Received: by 2002:a05:6{hop}00:{rng.getrandbits(16):x} with SMTP id {rng.getrandbits(40):x};",
                  f"        {stamp}"]
    lines += [f"X-Google-Smtp-Source: {signature[:88]}", f"X-Received: by 2002:a17:906:{rng.getrandbits(16):x} "
              f"with SMTP id {rng.getrandbits(40):x}.{rng.randint(1, 99)};", f"        {stamp}",
              "ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=google.com; s=arc-20160816;",
              *[f"        b={signature[i:i + 70]}" for i in range(0, 280, 70)],
              "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;",
              "        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id;",
              f"        bh={signature[:44]}=;", *[f"        b={signature[i:i + 70]}" for i in range(0, 350, 70)],
              "MIME-Version: 1.0", f"Date: {stamp}",
              f"Message-ID: <{number:08d}.{rng.getrandbits(48):x}@mail.gmail.com>",
              f"Subject: {'Nyhedsbrev' if newsletter else 'Re: Møde'} {number} =?UTF-8?Q?om_n=C3=A6ste_uge?=",
              f"From: {_name(sender[0])} <{sender[1]}>",
              "To: " + ",\n ".join(f"{_name(n)} <{e}>" for n, e in recipients)]
    if cc:
        lines.append("Cc: " + ",\n ".join(f"{_name(n)} <{e}>" for n, e in cc))
    if newsletter:
        lines += ["List-Unsubscribe: <https://news.example.com/unsubscribe?u=1234>, <mailto:unsub@news.example.com>",
                  "List-Id: <weekly.news.example.com>", "Precedence: bulk"]
    lines.append(f'Content-Type: multipart/alternative; boundary="000000000000{rng.getrandbits(40):x}"')
    return lines


def generate(path: Path, messages: int, *, seed: int = 1, crlf: bool = False) -> None:
    """Write an mbox of ``messages`` messages to ``path``."""
    rng = random.Random(seed)
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}" + (", PhD" if i % 97 == 0 else ""),
               f"person{i}@example.org") for i in range(5000)]
    strangers = [(f"Seller {i}", f"sales{i}@vendor{i}.com") for i in range(2000)]
    paragraph = ("Hej,\n\ntak for sidst. Her er noterne fra mødet, og lidt om næste skridt.\n"
                 "From the notes we agreed on three points; see below.\n" + "Lorem ipsum dolor sit amet, "
                 "consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. " * 3 + "\n")
    texts = [paragraph * k + ">From here on it is quoted.\n" for k in (2, 4, 6, 10)]
    html = ["<html><body>" + "<p style=\"font-family:Arial\">Nyheder og tilbud " + "x" * 120 + "</p>\n" * k +
            "</body></html>\n" for k in (60, 100, 140)]
    attachments = [base64.encodebytes(rng.randbytes(size)).decode() for size in (45_000, 110_000, 190_000)]
    newline = "\r\n" if crlf else "\n"
    start = dt.datetime(2016, 1, 1)
    with path.open("w", encoding="utf-8", newline=newline) as out:
        for number in range(messages):
            when = start + dt.timedelta(seconds=rng.randint(0, 10 * 365 * 86400))
            kind = rng.random()
            newsletter = False
            if kind < 0.20:
                sender, labels = OWNER, "Sent"
                recipients = rng.sample(people, rng.choice([1, 1, 1, 2, 3]))
            elif kind < 0.35:
                sender, labels, newsletter = ("Weekly News", "news@news.example.com"), "Category Promotions", True
                recipients = [OWNER]
            elif kind < 0.40:
                sender, labels = rng.choice(strangers), "Inbox,Unread"
                recipients = [OWNER]
            else:
                sender, labels = rng.choice(people), "Inbox,Opened,Important"
                recipients = [OWNER] + rng.sample(people, rng.choice([0, 0, 0, 1, 2]))
            cc = rng.sample(people, rng.choice([0, 0, 0, 1, 2, 4])) if not newsletter else []
            lines = _headers(rng, sender, recipients, cc, when, number, labels, newsletter)
            out.write("\n".join(lines) + "\n\n")
            body = rng.choice(html) if newsletter else rng.choice(texts)
            out.write("--boundary\nContent-Type: text/plain; charset=\"UTF-8\"\n\n" + body)
            if rng.random() < 0.04:
                out.write("--boundary\nContent-Type: application/pdf; name=\"notes.pdf\"\n"
                          "Content-Transfer-Encoding: base64\n\n" + rng.choice(attachments))
            out.write("--boundary--\n\n")


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
with open({path!r}, "rb") as handle:
    while handle.read(4 << 20):
        pass
bare = time.perf_counter() - t0
bare_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from netanalysis.errors import Problems
from netanalysis.io.mail import correspondence, mail_owner, read_mbox
t0 = time.perf_counter()
problems = Problems()
mail = read_mbox({path!r}, problems=problems)
read = time.perf_counter() - t0
read_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
owner, source = mail_owner(mail)
rows = correspondence(mail, owner)
pairs = time.perf_counter() - t0
print(json.dumps({{"bare": bare, "bare_rss": bare_rss, "read": read, "read_rss": read_rss, "messages": len(mail),
                  "bulk": int(mail["bulk"].sum()), "problems": len(problems), "owner": sorted(owner),
                  "source": source, "correspondence": pairs, "rows": len(rows),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(path: Path) -> dict:
    """Read ``path`` in a fresh interpreter; its timings and peak RSS (MiB)."""
    code = CHILD.format(root=str(ROOT), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--crlf", action="store_true", help="write CRLF line ends")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the mbox into this folder (and reuse it) instead of a "
                                                   "temporary one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"All mail Including Spam and Trash{'-crlf' if args.crlf else ''}-{args.messages}.mbox"
        if not path.exists():
            generate(path, args.messages, crlf=args.crlf)
        print(f"mbox: {args.messages:,} messages, {path.stat().st_size / 1e9:.2f} GB")
        runs = [measure(path) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["read"])
        print(f"bare read in 4 MiB blocks: {best['bare']:.1f} s, {best['bare_rss']:.0f} MiB")
        print(f"read_mbox: {best['read']:.1f} s, peak RSS {max(r['read_rss'] for r in runs):.0f} MiB -> "
              f"{best['messages']:,} messages ({best['bulk']:,} bulk), {best['problems']} problem(s)")
        print(f"mail_owner + correspondence: {best['correspondence']:.1f} s -> {best['rows']:,} rows; owner "
              f"{best['owner']} ({best['source']}); peak RSS {max(r['rss'] for r in runs):.0f} MiB")
        connections = connections_for(Path(tmp), 5000)
        loads = [measure_load("mail", path, connections) for _ in range(args.repeat)]
        fast = min(loads, key=lambda r: r["load"])
        print(f"load (5,000 connections + the mbox: read, owner, match, frames): {fast['load']:.1f} s, "
              f"peak RSS {max(r['rss'] for r in loads):.0f} MiB -> {fast['rows']:,} mail rows, "
              f"{fast['people']:,} people, {fast['unmatched']:,} unmatched, {fast['errors']} error(s)")


if __name__ == "__main__":
    main()
