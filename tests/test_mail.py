"""The mail reader (issue 15, item 3 and the mail half of item 8).

Expected values are worked out by hand from ``tests/data/mail``:
``takeout.mbox`` (Google Takeout, LF; 12 ``From `` separators, one of them a
copy of an earlier Message-ID and one a mail without Date; a body line ``From
what I remember`` that a sloppy writer did not escape) and
``thunderbird/Sent`` (Thunderbird, CRLF, the owner's second address).
"""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError, Problems
from netanalysis.io import mbox as mbox_module
from netanalysis.io.mail import CORRESPONDENCE_COLUMNS, MAIL_COLUMNS, correspondence, mail_owner, read_mbox
from netanalysis.io.mbox import scan_mbox

DATA = Path(__file__).parent / "data" / "mail"
TAKEOUT = DATA / "takeout.mbox"
THUNDERBIRD = DATA / "thunderbird"
KIM = "kim.owner@example.com"
FUZZ = settings(max_examples=int(os.environ.get("NETANALYSIS_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def read(source, **kw) -> tuple[pd.DataFrame, Problems]:
    problems = Problems()
    return read_mbox(source, problems=problems, **kw), problems


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in frame[list(columns)].astype(object).itertuples(index=False)]


def message(*headers: str, body: str = "Hello.\n", separator: str = "From x@y Sat Mar 14 10:00:00 2026") -> str:
    return separator + "\n" + "\n".join(headers) + "\n\n" + body + "\n"


class TestTakeout:
    def test_messages(self):
        mail, _ = read(TAKEOUT)
        assert rows(mail, "line", "message_id", "date", "from_email", "bulk", "sent_label", "draft") == [
            (1, "<CAK1-kim-001@mail.gmail.com>", pd.Timestamp("2026-03-02 09:15"), KIM, False, True, False),
            (22, "<CAK1-soren-002@mail.gmail.com>", pd.Timestamp("2026-03-02 12:00:30"), "soren.hansen@example.com",
             False, False, False),
            (37, "<news-2026-10@newsletter.example>", pd.Timestamp("2026-03-03 06:00"), "news@newsletter.example",
             True, False, False),                                   # List-Unsubscribe
            (51, "<alert-77@accounts.example>", pd.Timestamp("2026-03-03 08:30"), "no-reply@accounts.example",
             True, False, False),                                   # a no-reply sender
            (63, "<CAK1-kim-005@mail.gmail.com>", pd.Timestamp("2026-03-04 14:20"), KIM, False, True, False),
            (77, "<offer-123@vendor.example>", pd.Timestamp("2026-03-05 09:00"), "carl@vendor.example",
             False, False, False),
            (112, "<mette-009@example.com>", pd.Timestamp("2026-03-09 07:45"), "mette.jensen@example.com",
             False, False, False),
            (125, "<draft-010@mail.gmail.com>", pd.Timestamp("2026-03-10 16:00"), KIM, False, False, True),
            (135, "<broken-011@example.com>", pd.Timestamp("2026-03-11 10:00"), "lars@partner.dk",
             False, False, False),
        ]  # line 89 repeats line 22's Message-ID; line 102 has no Date; line 18 is a body line

    def test_columns_and_dtypes(self):
        mail, _ = read(TAKEOUT)
        assert list(mail.columns) == MAIL_COLUMNS
        assert mail["date"].dtype == "datetime64[ns]" and mail["line"].dtype == "int64"
        assert all(mail[c].dtype == bool for c in ("bulk", "sent_label", "draft", "spam"))
        assert mail["from_email"].dtype == object and mail["to"].dtype == object
        assert set(mail["file"]) == {"takeout.mbox"} and not mail["spam"].any()

    def test_encoded_names_and_subjects(self):
        mail, _ = read(TAKEOUT)
        first, reply = mail.iloc[0], mail.iloc[1]
        assert first["to"] == (("soren.hansen@example.com", "Søren Hansen"),)
        assert (reply["from_name"], reply["subject"]) == ("Søren Hansen", "Re: Opfølgning fra standup")

    def test_cc(self):
        mail, _ = read(TAKEOUT)
        plan = mail[mail["message_id"] == "<CAK1-kim-005@mail.gmail.com>"].iloc[0]
        assert plan["to"] == (("mette.jensen@example.com", "Mette Jensen"),)
        assert plan["cc"] == (("lars@partner.dk", "Lars Nielsen"), ("ida.berg@example.com", "Berg, Ida"))

    def test_problems(self):
        _, problems = read(TAKEOUT)
        assert [(p.severity, p.code, p.line) for p in problems.items] == [
            ("warning", "no-date", 102), ("warning", "bad-headers", 135)]
        assert str(problems.items[0]) == ("takeout.mbox line 102: this message has no Date header; it is left out. "
                                          "Fix: export the mailbox again")

    def test_owner(self):
        mail, _ = read(TAKEOUT)
        assert mail_owner(mail) == ({KIM}, "mail labelled Sent")
        assert mail_owner(mail, ["Kim@Owner.dk"]) == ({"kim@owner.dk"}, "[me] emails")
        unlabelled = mail.assign(sent_label=False)
        # most frequent sender of mail that is not bulk: Kim (three, the draft included) 
        assert mail_owner(unlabelled) == ({KIM}, "most frequent sender")
        assert mail_owner(mail.iloc[0:0]) == (set(), "")

    def test_correspondence(self):
        mail, _ = read(TAKEOUT)
        exchanges = correspondence(mail, {KIM})
        assert list(exchanges.columns) == CORRESPONDENCE_COLUMNS
        assert rows(exchanges, "line", "direction", "email", "name", "others") == [
            (1, "sent", "soren.hansen@example.com", "Søren Hansen", ()),
            (22, "received", "soren.hansen@example.com", "Søren Hansen", ()),
            (63, "sent", "mette.jensen@example.com", "Mette Jensen",
             (("lars@partner.dk", "Lars Nielsen"), ("ida.berg@example.com", "Berg, Ida"))),
            (63, "sent", "lars@partner.dk", "Lars Nielsen",
             (("mette.jensen@example.com", "Mette Jensen"), ("ida.berg@example.com", "Berg, Ida"))),
            (63, "sent", "ida.berg@example.com", "Berg, Ida",
             (("mette.jensen@example.com", "Mette Jensen"), ("lars@partner.dk", "Lars Nielsen"))),
            (112, "received", "mette.jensen@example.com", "Mette Jensen",
             (("lars@partner.dk", "Lars Nielsen"), ("ida.berg@example.com", "Ida Berg"))),
            (135, "received", "lars@partner.dk", "Lars Nielsen", ()),   # Kim wrote to Lars (Cc) before
        ]  # not: the newsletter, the no-reply alert, the stranger Carl, the draft to Per
        assert exchanges["date"].dtype == "datetime64[ns]" and exchanges["line"].dtype == "int64"

    def test_correspondence_as_of(self):
        mail, _ = read(TAKEOUT)
        early = correspondence(mail, {KIM}, as_of="2026-03-03")
        assert rows(early, "line", "direction", "email") == [(1, "sent", "soren.hansen@example.com"),
                                                             (22, "received", "soren.hansen@example.com")]

    def test_a_stranger_answered_later_is_a_correspondent(self):
        mail, _ = read(TAKEOUT.read_bytes() + message(
            "From: Kim Owner <kim.owner@example.com>", "To: carl@vendor.example",
            "Date: Fri, 13 Mar 2026 10:00:00 +0000", "Message-ID: <kim-to-carl@x>").encode())
        exchanges = correspondence(mail, {KIM})
        assert rows(exchanges[exchanges["email"] == "carl@vendor.example"], "line", "direction") == [
            (77, "received"), (146, "sent")]


class TestSources:
    def test_folder_with_thunderbird_mailbox(self):
        mail, problems = read(DATA)
        assert set(mail["file"]) == {"takeout.mbox", "thunderbird/Sent"}   # Sent.msf is not a mailbox
        sent = mail[mail["file"] == "thunderbird/Sent"]
        # CRLF; the second mail repeats a Takeout Message-ID and is kept once, from takeout.mbox
        assert rows(sent, "line", "from_email", "date", "sent_label") == [
            (1, "kim@owner.dk", pd.Timestamp("2026-03-12 10:00"), True)]    # a mailbox named Sent
        assert sent["to"].iloc[0] == (("jane.doe@client.example", "Doe, Jane"),)
        assert mail_owner(mail) == ({KIM, "kim@owner.dk"}, "mail labelled Sent")

    def test_apple_mail_folder(self, tmp_path):
        box = tmp_path / "Sent Messages.mbox"
        box.mkdir()
        (box / "mbox").write_bytes(message("From: Kim <kim@owner.dk>", "To: al@x.com",
                                           "Date: Sat, 14 Mar 2026 10:00:00 +0000").encode())
        (box / "Info.plist").write_text("<plist/>")
        mail, _ = read(tmp_path)
        assert rows(mail, "file", "sent_label") == [("Sent Messages.mbox/mbox", True)]

    def test_takeout_zip(self, tmp_path):
        path = tmp_path / "takeout-001.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(TAKEOUT, "Takeout/Mail/All mail Including Spam and Trash.mbox")
        mail, _ = read(path)
        assert set(mail["file"]) == {"takeout-001.zip/Takeout/Mail/All mail Including Spam and Trash.mbox"}
        assert len(mail) == 9

    def test_crlf_reads_the_same(self):
        lf, _ = read(TAKEOUT)
        crlf, problems = read(TAKEOUT.read_bytes().replace(b"\n", b"\r\n"))
        columns = [c for c in MAIL_COLUMNS if c != "file"]
        assert rows(crlf, *columns) == rows(lf, *columns)

    def test_spam_and_drafts_folders(self, tmp_path):
        text = message("From: al@x.com", "To: kim@owner.dk", "Date: Sat, 14 Mar 2026 10:00:00 +0000")
        for name in ("Junk", "Drafts"):
            (tmp_path / name).write_text(text.replace("al@x.com", f"{name.lower()}@x.com"))
        mail, _ = read(tmp_path)
        assert rows(mail, "from_email", "draft", "spam") == [("drafts@x.com", True, False),
                                                             ("junk@x.com", False, True)]

    def test_input_is_not_changed(self, tmp_path, snapshot):
        shutil.copytree(DATA, tmp_path / "mail")
        snap = snapshot(tmp_path)
        read(tmp_path / "mail")
        snap.assert_unchanged()


class TestBadInput:
    def test_empty_file(self, write_file):
        with pytest.raises(InputError, match=r"^Inbox\.mbox: is empty"):
            read_mbox(write_file("Inbox.mbox", b""))
        with pytest.raises(InputError, match="is empty"):
            read_mbox(write_file("blank.mbox", b"\n\n  \n"))

    def test_not_an_mbox(self, write_file):
        with pytest.raises(InputError) as caught:
            read_mbox(write_file("mail.mbox", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
        assert str(caught.value).startswith("mail.mbox line 1: is not an mbox file: it does not begin with a 'From '")
        with pytest.raises(InputError, match="is a single e-mail message"):
            read_mbox(write_file("one.mbox", b"Received: from x\nFrom: a@b.com\n\nhi\n"))

    def test_cut_off_inside_the_headers(self):
        data = TAKEOUT.read_bytes()
        cut = data[:data.index(b"Body of the mail") - 1]   # the file ends before the empty line
        mail, problems = read(cut)
        assert mail["line"].iloc[-1] == 135   # what is there is read
        (truncated,) = [p for p in problems.items if p.code == "truncated"]
        assert truncated.line == 135 and "looks cut off" in str(truncated)

    def test_cut_off_in_a_body(self):
        data = TAKEOUT.read_bytes()
        mail, problems = read(data[:data.index(b"that was all")])
        assert mail["line"].tolist() == [1] and problems.items == []

    def test_message_without_sender_or_with_a_bad_date(self):
        mail, problems = read(message("To: kim@owner.dk", "Date: Sat, 14 Mar 2026 10:00:00 +0000").encode()
                              + message("From: a@x.com", "Date: the day before yesterday").encode())
        assert mail.empty
        assert [(p.code, p.line) for p in problems.items] == [("no-sender", 1), ("no-date", 7)]
        assert "unreadable Date header ('the day before yesterday')" in str(problems.items[1])

    def test_broken_header_lines(self):
        mail, problems = read(message("From: a@x.com", "garbage without colon", "Date: Sat, 14 Mar 2026 10:00 +0000",
                                      "\x00\x01binary: yes").encode())
        assert mail["from_email"].tolist() == ["a@x.com"]
        assert [(p.code, p.line, p.severity) for p in problems.items] == [("bad-headers", 1, "warning")]

    def test_headers_that_never_end(self):
        data = b"From x Sat Mar 14 10:00:00 2026\nFrom: a@x.com\n" + b"X-Long: " + b"y" * 100 + b"\n"
        data += b"X-More: z\n" * 120_000
        mail, problems = read(data)
        assert mail.empty and [p.code for p in problems.items] == ["bad-headers"]

    def test_many_problems_are_summarised(self):
        data = "".join(message("From: a@x.com", f"Message-ID: <{i}@x>") for i in range(30)).encode()
        _, problems = read(data)
        assert len(problems.items) == 21 and "10 more message(s)" in problems.items[-1].message

    def test_missing_path(self, tmp_path):
        with pytest.raises(InputError, match="does not exist"):
            read_mbox(tmp_path / "nope.mbox")


TRICKY_LINES = [b"From a@x Sat Mar 14 10:00:00 2026", b"From - Sun Mar 15 09:00:00 2026", b"From sloppy", b"",
                b"", b"From: a@x.com", b"To: b@y.com", b"Date: Sat, 14 Mar 2026 10:00:00 +0000", b" folded",
                b">From escaped", b"body text", b"From my desk", b"\r", b"X-Long: " + b"y" * 50]


def reference_scan(data: bytes) -> list[tuple[int, bytes, bool]]:
    """The separator rules of :mod:`netanalysis.io.mbox`, line by line (slow and plain), for comparison."""
    import re
    dated = re.compile(rb"From [^\s]*[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
    header_line = re.compile(rb"[!-9;-~]+[ \t]*:")
    lines = data.split(b"\n")
    ends_with_newline = lines[-1] == b""
    if ends_with_newline:
        lines.pop()

    def blank(line: bytes) -> bool:
        return line in (b"", b"\r")

    found, index, previous_blank = [], 0, True
    while index < len(lines):
        line = lines[index]
        is_separator = line.startswith(b"From ") and (previous_blank or dated.match(line))
        if not is_separator or (index == len(lines) - 1 and not ends_with_newline):
            previous_blank, index = blank(line), index + 1
            continue
        end = index + 1
        while end < len(lines) and not blank(lines[end]) and not dated.match(lines[end]):
            end += 1
        cut_off = end == len(lines)
        header = b"".join(part + b"\n" for part in lines[index + 1:end])
        if cut_off and not ends_with_newline and header:
            header = header[:-1]
        if header_line.match(header):
            found.append((index + 1, header, cut_off))
            index = end
            previous_blank = False
        else:
            previous_blank, index = False, index + 1
    return found


class TestScanner:
    def test_separators(self):
        data = (b"From a Sat Mar 14 10:00:00 2026\nFrom: a@x\n\nbody\nFrom here on\n>From escaped\n\n"
                b"From sloppy-but-after-a-blank-line\nFrom: b@x\n\nbody\n"
                b"From c Sun Mar 15 10:00:00 2026\nFrom: c@x\n\n")
        found = [(line, header) for line, header, _ in scan_mbox(io.BytesIO(data), "x", Problems())]
        assert found == [(1, b"From: a@x\n"), (8, b"From: b@x\n"), (12, b"From: c@x\n")]

    @FUZZ
    @given(st.lists(st.sampled_from(TRICKY_LINES), max_size=40), st.booleans(), st.booleans())
    def test_same_as_the_plain_rules(self, lines, crlf, final_newline):
        data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
        if crlf:
            data = data.replace(b"\n", b"\r\n")
        assert list(scan_mbox(io.BytesIO(data), "x", Problems())) == reference_scan(data)

    def test_a_separator_line_followed_by_body_text_is_body(self):
        data = b"From a Sat Mar 14 10:00:00 2026\nFrom: a@x\n\nhi\n\nFrom my desk, regards\nKim\n"
        assert [line for line, _, _ in scan_mbox(io.BytesIO(data), "x", Problems())] == [1]

    @FUZZ
    @given(st.integers(8, 400), st.booleans(), st.one_of(st.just(None), st.lists(st.sampled_from(TRICKY_LINES),
                                                                                  max_size=40)))
    def test_block_size_does_not_matter(self, block, crlf, lines):
        data = TAKEOUT.read_bytes() if lines is None else b"\n".join(lines)
        if crlf:
            data = data.replace(b"\n", b"\r\n")
        expected = list(scan_mbox(io.BytesIO(data), "x", Problems()))
        original = mbox_module._BLOCK
        try:
            mbox_module._BLOCK = block
            assert list(scan_mbox(io.BytesIO(data), "x", Problems())) == expected
        finally:
            mbox_module._BLOCK = original


def _never_a_traceback(data: bytes) -> None:
    problems = Problems()
    frame = read_mbox(data, problems=problems)
    assert list(frame.columns) == MAIL_COLUMNS
    assert (frame["line"] >= 1).all()
    for problem in problems.items:
        assert problem.file and problem.message and problem.severity in ("error", "warning")
    correspondence(frame, mail_owner(frame)[0])
    try:
        read_mbox(data)
    except InputError:
        assert problems.errors
    else:
        assert not problems.errors


class TestFuzz:
    @FUZZ
    @given(st.binary(max_size=400))
    def test_random_bytes(self, data):
        _never_a_traceback(data)

    @FUZZ
    @given(st.binary(max_size=300))
    def test_random_bytes_after_a_separator(self, data):
        _never_a_traceback(b"From x Sat Mar 14 10:00:00 2026\n" + data)

    @FUZZ
    @given(st.data())
    def test_mangled_export(self, data):
        lines = TAKEOUT.read_bytes().split(b"\n")
        for _ in range(data.draw(st.integers(1, 6))):
            index = data.draw(st.integers(0, len(lines) - 1))
            action = data.draw(st.sampled_from(["drop", "cut", "noise", "swap"]))
            if action == "drop":
                del lines[index]
            elif action == "cut":
                lines[index] = lines[index][:data.draw(st.integers(0, len(lines[index])))]
            elif action == "noise":
                lines[index] = data.draw(st.binary(max_size=30))
            else:
                other = data.draw(st.integers(0, len(lines) - 1))
                lines[index], lines[other] = lines[other], lines[index]
        _never_a_traceback(b"\n".join(lines))

    @FUZZ
    @given(st.sampled_from(["From", "To", "Cc", "Date", "Message-ID", "Subject", "X-Gmail-Labels"]),
           st.text(max_size=40))
    def test_any_header_value(self, name, value):
        value = value.replace("\n", " ").replace("\r", " ")
        _never_a_traceback(message(f"{name}: {value}", "From: a@x.com", "To: b@y.com",
                                   "Date: Sat, 14 Mar 2026 10:00:00 +0000").encode("utf-8", "surrogatepass"))
