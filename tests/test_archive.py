"""Readers of the LinkedIn archive: messages, invitations, endorsements,
recommendations, profile, and the folder/zip entry point (issue 6)."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError, Problems
from netanalysis.io.linkedin.archive import Archive, archive_files, read_archive, read_archive_file, read_profile
from netanalysis.io.linkedin.evidence import (read_endorsements, read_invitations,
                                              read_recommendations)
from netanalysis.io.linkedin.messages import MESSAGE_COLUMNS, read_messages, split_recipients

DATA = Path(__file__).parent / "data" / "archive"
FULL = DATA / "full"
OWN = "https://www.linkedin.com/in/kim-owner-1a2b3c"
SOREN = "https://www.linkedin.com/in/søren-hansen-42"


def records(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def texts(problems: Problems) -> list[str]:
    return [str(p) for p in problems.items]


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def full_members(prefix: str = "", upper: bool = False, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    members = {}
    for file in sorted(FULL.iterdir()):
        if file.name in skip:
            continue
        name = file.name.upper() if upper else file.name
        members[prefix + name] = file.read_bytes()
    return members


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------
# messages.csv
# --------------------------------------------------------------------------

def test_messages_2024_layout_group_chat_drafts_sponsored():
    dropped: dict[str, int] = {}
    frame = read_messages(FULL / "messages.csv", owner="Kim Owner", dropped=dropped)
    assert list(frame.columns) == MESSAGE_COLUMNS
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["line"].dtype == "int64"
    assert records(frame, "line", "direction", "counterpart", "counterpart_url") == [
        (2, "sent", "Søren Hansen", SOREN),  # multi-line HTML content is one row
        (3, "received", "Søren Hansen", SOREN),
        (4, "sent", "Jane Doe, PhD", "https://www.linkedin.com/in/jane-doe-phd"),  # comma inside a name
        (4, "sent", "Lars Jensen", "https://www.linkedin.com/in/lars-jensen"),
        (4, "sent", "Mette Nielsen", "https://www.linkedin.com/in/mette-nielsen"),
        (5, "received", "Lars Jensen", "https://www.linkedin.com/in/lars-jensen"),  # group received: 1 row
    ]
    assert frame.loc[0, "date"] == pd.Timestamp("2024-06-18 11:59:53")
    assert frame.loc[0, "conversation"] == "2-abc1=="
    assert frame.loc[0, "sender"] == "Kim Owner" and frame.loc[0, "sender_url"] == OWN
    assert dropped == {"message drafts": 1, "sponsored messages": 2}
    assert frame.attrs["owner"] == "Kim Owner"


def test_messages_2018_layout_uses_direction_column():
    dropped: dict[str, int] = {}
    frame = read_messages(DATA / "messages_2018.csv", dropped=dropped)
    assert records(frame, "line", "direction", "sender", "counterpart", "counterpart_url") == [
        (2, "sent", "Kim Owner", "Søren Hansen", ""),
        (3, "received", "Søren Hansen", "Søren Hansen", ""),
        (4, "sent", "Kim Owner", "Lars Jensen", ""),
        (4, "sent", "Kim Owner", "Mette Nielsen", ""),
    ]
    assert frame["date"].tolist()[0] == pd.Timestamp("2018-10-16 08:36")
    assert frame["date"].tolist()[2] == pd.Timestamp("2018-10-17 13:15")
    # No conversation ids in 2018: the participants other than me.
    assert frame["conversation"].tolist() == ["Søren Hansen", "Søren Hansen",
                                              "Lars Jensen; Mette Nielsen", "Lars Jensen; Mette Nielsen"]
    assert dropped == {"sponsored messages": 1}  # "LinkedIn Member", no URL
    assert frame.attrs["owner"] == "Kim Owner"


def test_messages_2021_layout_owner_is_sender_in_most_conversations():
    # Recruiter Bob sends most messages (3, one conversation); Kim writes in 2 conversations.
    frame = read_messages(DATA / "messages_2021.csv")
    assert frame.attrs["owner"] == "Kim Owner"
    assert frame.attrs["owner_url"] == OWN
    assert records(frame, "line", "direction", "counterpart") == [
        (2, "sent", "Ahmed Khan"), (3, "received", "Ahmed Khan"),
        (4, "sent", "Jane Doe, PhD"), (4, "sent", "Lars Jensen"),  # no URLs: one-word tail joins its name
        (5, "received", "Recruiter Bob"), (6, "received", "Recruiter Bob"), (7, "received", "Recruiter Bob"),
    ]


def test_messages_every_field_quoted_bom_crlf_conversation_draft_inmail_sponsored():
    dropped: dict[str, int] = {}
    frame = read_messages(DATA / "messages_quoted.csv", owner="Kim Owner", dropped=dropped)
    assert records(frame, "line", "direction", "counterpart", "counterpart_url") == [
        (2, "sent", "Ida Berg", "https://www.linkedin.com/in/ida-berg"),
        (3, "received", "Ida Berg", "https://www.linkedin.com/in/ida-berg"),
    ]
    assert dropped == {"message drafts": 1, "sponsored messages": 1}


def test_messages_owner_matched_by_url_when_name_differs():
    frame = read_messages(FULL / "messages.csv", owner="Kimberly O.", owner_url=OWN)
    assert frame["direction"].tolist() == ["sent", "received", "sent", "sent", "sent", "received"]


def test_messages_owner_matched_ignoring_accents_and_case():
    frame = read_messages(FULL / "messages.csv", owner="KIM  ÖWNER")
    assert frame["direction"].tolist()[:2] == ["sent", "received"]


def test_messages_owner_absent_warns_and_guesses():
    problems = Problems()
    frame = read_messages(FULL / "messages.csv", owner="Someone Else", problems=problems)
    assert frame.attrs["owner"] == "Kim Owner"
    assert [p.severity for p in problems.items] == ["warning"]
    assert "messages.csv" in texts(problems)[0] and "'Someone Else'" in texts(problems)[0]
    assert "'Kim Owner'" in texts(problems)[0]


def test_messages_bad_date_is_an_error_for_that_row_others_load():
    problems = Problems()
    frame = read_messages(DATA / "bad_date_messages.csv", problems=problems)
    assert frame["line"].tolist() == [2, 5]
    assert [(p.line, p.column, p.value, p.code, p.severity) for p in problems.items] == [
        (3, "DATE", "18/06/2024 11:59", "bad-date", "error"),
        (4, "DATE", None, "bad-date", "error"),
    ]
    assert texts(problems) == [
        "messages.csv line 3, column 'DATE': '18/06/2024 11:59' is not a date in a known format. "
        "Fix: write it as LinkedIn does (e.g. '2024-06-18 11:59:53 UTC'), or delete the row",
        "messages.csv line 4, column 'DATE': is empty; every row needs a date. "
        "Fix: fill in the date as LinkedIn writes it (e.g. '2024-06-18 11:59:53 UTC'), or delete the row",
    ]


def test_messages_bad_date_raises_without_collector():
    with pytest.raises(InputError) as caught:
        read_messages(DATA / "bad_date_messages.csv", display="archive.zip/messages.csv")
    message = str(caught.value)
    assert message.startswith("archive.zip/messages.csv line 3, column 'DATE': '18/06/2024 11:59'")
    assert "(and 1 more error(s)" in message


def test_messages_bad_dates_are_capped():
    header = b"CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE\n"
    data = header + b"".join(b"c,Ann Lee,,Bo Ek,never\n" for _ in range(8))
    problems = Problems(limit_per_code=3)
    read_messages(data, problems=problems)
    assert [p.line for p in problems.items] == [2, 3, 4, None]
    assert texts(problems)[-1].startswith("messages.csv, column 'DATE': has 5 more bad row(s) in this column")


@pytest.mark.parametrize("name, column", [("unknown_layout_messages.csv", "DATE"),
                                          ("missing_date_messages.csv", "DATE")])
def test_messages_unknown_layout_names_file_and_column(name, column):
    problems = Problems()
    frame = read_messages(DATA / name, problems=problems)
    assert frame.empty and list(frame.columns) == MESSAGE_COLUMNS
    assert len(problems.errors) == 1
    error = problems.errors[0]
    assert (error.file, error.line, error.column, error.code) == ("messages.csv", 1, column, "missing-column")
    assert f"column '{column}'" in str(error) and "required column(s)" in str(error)
    with pytest.raises(InputError, match=r"^messages\.csv line 1, column 'DATE': has no header line"):
        read_messages(DATA / name)


def test_messages_header_only_is_valid_and_empty():
    frame = read_messages(b"CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE\n")
    assert frame.empty and list(frame.columns) == MESSAGE_COLUMNS


def test_messages_sent_to_nobody_but_me_is_counted_not_listed():
    data = (b"CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE\n"
            b"c1,Kim Owner,,Kim Owner,2024-01-01 10:00:00 UTC\n"
            b"c2,Kim Owner,,Ann Lee,2024-01-02 10:00:00 UTC\n")
    dropped: dict[str, int] = {}
    frame = read_messages(data, owner="Kim Owner", dropped=dropped)
    assert records(frame, "line", "counterpart") == [(3, "Ann Lee")]
    assert dropped == {"messages without counterpart": 1}


def test_split_recipients():
    urls = "https://www.linkedin.com/in/a,https://www.linkedin.com/in/b"
    assert split_recipients("Ann Lee,Bo Ek", urls, have_urls=True) == [
        ("Ann Lee", "https://www.linkedin.com/in/a"), ("Bo Ek", "https://www.linkedin.com/in/b")]
    assert split_recipients("Ann Lee, MBA, CFA,Bo Ek", urls, have_urls=True)[0][0] == "Ann Lee, MBA, CFA"
    # Fewer names than URLs: pad, never crash.
    assert split_recipients("Ann Lee", urls, have_urls=True) == [
        ("Ann Lee", "https://www.linkedin.com/in/a"), ("", "https://www.linkedin.com/in/b")]
    assert split_recipients("") == []
    assert split_recipients("Madonna") == [("Madonna", "")]


# --------------------------------------------------------------------------
# Invitations.csv
# --------------------------------------------------------------------------

def test_invitations_with_url_columns_and_bare_url_unknown():
    frame = read_invitations(FULL / "Invitations.csv")
    assert list(frame.columns) == ["date", "counterpart", "counterpart_url", "direction", "line"]
    assert records(frame, "line", "direction", "counterpart", "counterpart_url") == [
        (2, "sent", "Mette Nielsen", "https://www.linkedin.com/in/mette-nielsen"),
        (3, "received", "Ahmed Khan", "https://www.linkedin.com/in/ahmed-khan-9"),
        (4, "received", "李 伟", ""),  # https://www.linkedin.com/in alone means unknown
    ]
    assert frame["date"].tolist() == [pd.Timestamp("2023-06-17 06:18"), pd.Timestamp("2023-05-02 23:05"),
                                      pd.Timestamp("2023-04-30 07:00")]


def test_invitations_2018_layout_without_urls():
    frame = read_invitations(DATA / "invitations_2018.csv")
    assert records(frame, "line", "direction", "counterpart", "counterpart_url") == [
        (2, "sent", "Søren Hansen", ""), (3, "received", "Lars Jensen", "")]


def test_invitations_urn_columns_and_narrow_space_in_date():
    frame = read_invitations(DATA / "invitations_urn.csv")
    assert records(frame, "direction", "counterpart", "counterpart_url") == [("sent", "Ida Berg", "")]
    assert frame.loc[0, "date"] == pd.Timestamp("2023-06-17 06:18")


def test_invitations_unknown_direction_is_an_error_with_line():
    problems = Problems()
    frame = read_invitations(DATA / "bad_direction_invitations.csv", problems=problems)
    assert frame["line"].tolist() == [2]
    assert texts(problems) == [
        "Invitations.csv line 3, column 'Direction': 'SIDEWAYS' is not a known direction (OUTGOING or INCOMING). "
        "Fix: write OUTGOING for invitations you sent and INCOMING for invitations you received"]


# --------------------------------------------------------------------------
# Endorsements, recommendations, profile
# --------------------------------------------------------------------------

def test_endorsements_received_only_accepted():
    dropped: dict[str, int] = {}
    frame = read_endorsements(FULL / "Endorsement_Received_Info.csv", direction="received", dropped=dropped)
    assert list(frame.columns) == ["date", "counterpart", "counterpart_url", "skill", "direction", "line"]
    assert records(frame, "line", "counterpart", "counterpart_url", "skill", "direction") == [
        (2, "Søren Hansen", SOREN, "Strategy", "received"),  # URL without scheme, percent-encoded
        (4, "Jane Doe, PhD", "https://www.linkedin.com/in/jane-doe-phd", "Facilitation", "received"),
    ]
    assert frame.loc[0, "date"] == pd.Timestamp("2021-08-11 11:00:31")
    assert dropped == {"endorsements not accepted": 2}


def test_endorsements_given():
    frame = read_endorsements(FULL / "Endorsement_Given_Info.csv", direction="given")
    assert records(frame, "line", "counterpart", "skill", "direction") == [
        (2, "Mette Nielsen", "Data Analysis", "given")]


def test_endorsements_wrong_direction_names_missing_column():
    problems = Problems()
    read_endorsements(FULL / "Endorsement_Given_Info.csv", direction="received", problems=problems)
    assert [(p.file, p.line, p.column) for p in problems.errors] == [
        ("Endorsement_Received_Info.csv", 1, "Endorser First Name")]


def test_endorsements_bad_date():
    problems = Problems()
    frame = read_endorsements(DATA / "bad_date_endorsements.csv", problems=problems,
                              display="archive.zip/Endorsement_Received_Info.csv")
    assert frame["line"].tolist() == [2]
    assert texts(problems) == [
        "archive.zip/Endorsement_Received_Info.csv line 3, column 'Endorsement Date': 'last summer' is not a date "
        "in a known format. Fix: write it as LinkedIn does (e.g. '2021/08/11 11:00:31 UTC'), or delete the row"]


def test_recommendations_received_and_given():
    received = read_recommendations(FULL / "Recommendations_Received.csv", direction="received")
    assert list(received.columns) == ["date", "counterpart", "company", "position", "direction", "line"]
    assert records(received, "line", "counterpart", "company", "position", "direction") == [
        (2, "Søren Hansen", "Hansen & Co", "Partner", "received")]
    assert received.loc[0, "date"] == pd.Timestamp("2024-04-15 21:25")
    given_ = read_recommendations(FULL / "Recommendations_Given.csv", direction="given")
    assert records(given_, "counterpart", "company", "direction") == [("Lars Jensen", "Acme, Inc.", "given")]
    assert given_.loc[0, "date"] == pd.Timestamp("2023-11-02 10:00")


def test_profile():
    assert read_profile(FULL / "Profile.csv") == "Kim Owner"
    assert read_profile(b"First Name,Last Name\n") == ""
    with pytest.raises(InputError, match=r"^Profile\.csv line 1, column 'First Name'"):
        read_profile(b"Name,Headline\nKim,CTO\n")


def test_bad_direction_argument():
    with pytest.raises(ValueError, match="direction"):
        read_endorsements(FULL / "Endorsement_Given_Info.csv", direction="sideways")


# --------------------------------------------------------------------------
# The archive: folder and zip
# --------------------------------------------------------------------------

def check_full(archive: Archive, prefix: str = "") -> None:
    assert (archive.owner, archive.owner_source, archive.owner_url) == ("Kim Owner", "Profile.csv", OWN)
    assert sorted(archive.files) == sorted(prefix + n for n in (
        "Profile.csv", "Invitations.csv", "messages.csv", "Endorsement_Received_Info.csv",
        "Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv"))
    assert len(archive.messages) == 6
    assert archive.messages["direction"].value_counts().to_dict() == {"sent": 4, "received": 2}
    assert len(archive.invitations) == 3
    assert records(archive.endorsements, "direction", "counterpart") == [
        ("received", "Søren Hansen"), ("received", "Jane Doe, PhD"), ("given", "Mette Nielsen")]
    assert records(archive.recommendations, "direction", "counterpart") == [
        ("received", "Søren Hansen"), ("given", "Lars Jensen")]
    assert archive.dropped == {"message drafts": 1, "sponsored messages": 2, "endorsements not accepted": 2}


def test_archive_folder_reads_every_file_ignores_unknown():
    archive = read_archive(FULL)
    check_full(archive)
    assert "Rich_Media.csv" not in archive.files


def test_archive_zip_in_memory(tmp_path):
    path = make_zip(tmp_path / "Basic_LinkedInDataExport_06-18-2024.zip", full_members())
    check_full(read_archive(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Basic_LinkedInDataExport_06-18-2024.zip"]


def test_archive_zip_subfolder_upper_case_names_and_macos_junk(tmp_path):
    members = full_members(prefix="export/", upper=True)
    members["__MACOSX/export/._MESSAGES.CSV"] = b"\x00\x05\x16\x07junk"
    members["export/._Profile.csv"] = b"\x00\x05\x16\x07junk"
    path = make_zip(tmp_path / "archive.zip", members)
    archive = read_archive(path)
    assert archive.owner == "Kim Owner"
    assert "export/MESSAGES.CSV" in archive.files and len(archive.messages) == 6
    assert len(archive.files) == 7


def test_archive_folder_subfolder_and_2018_names(tmp_path):
    sub = tmp_path / "Basic_LinkedInDataExport"
    sub.mkdir()
    shutil.copy(DATA / "messages_2018.csv", sub / "Messages.csv")
    shutil.copy(DATA / "invitations_2018.csv", sub / "Invitations.csv")
    archive = read_archive(tmp_path)
    assert archive.files == ["Basic_LinkedInDataExport/Invitations.csv", "Basic_LinkedInDataExport/Messages.csv"]
    assert (archive.owner, archive.owner_source) == ("Kim Owner", "Invitations.csv")
    assert archive.endorsements is None and archive.recommendations is None


def test_owner_from_profile_invitations_messages_or_nobody(tmp_path):
    def folder(name: str, files: dict[str, Path]) -> Path:
        path = tmp_path / name
        path.mkdir()
        for target, source in files.items():
            shutil.copy(source, path / target)
        return path

    everything = {p.name: p for p in FULL.iterdir()}
    no_profile = {k: v for k, v in everything.items() if k != "Profile.csv"}
    only_messages = {"messages.csv": DATA / "messages_2021.csv"}
    nothing = {"Endorsement_Given_Info.csv": FULL / "Endorsement_Given_Info.csv"}
    cases = [(everything, "Profile.csv"), (no_profile, "Invitations.csv"), (only_messages, "messages.csv")]
    for index, (files, source) in enumerate(cases):
        archive = read_archive(folder(f"case{index}", files))
        assert (archive.owner, archive.owner_source) == ("Kim Owner", source)
        assert archive.messages is None or archive.messages["direction"].iloc[0] == "sent"
    archive = read_archive(folder("nobody", nothing))
    assert (archive.owner, archive.owner_source, archive.files) == ("", "", ["Endorsement_Given_Info.csv"])
    assert archive.messages is None and archive.invitations is None


def test_invitations_give_owner_url_used_for_messages(tmp_path):
    # Profile says "Kimberly Owner"; the invitations show her URL, which the messages match.
    shutil.copytree(FULL, tmp_path / "a")
    (tmp_path / "a" / "Profile.csv").write_text("First Name,Last Name\nKimberly,Owner\n", encoding="utf-8")
    archive = read_archive(tmp_path / "a")
    assert (archive.owner, archive.owner_source, archive.owner_url) == ("Kimberly Owner", "Profile.csv", OWN)
    assert archive.messages["direction"].value_counts().to_dict() == {"sent": 4, "received": 2}


def test_corrupt_zip_is_one_clear_error(tmp_path):
    path = tmp_path / "archive.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    problems = Problems()
    archive = read_archive(path, problems=problems)
    assert archive.files == [] and archive.messages is None
    assert len(problems.items) == 1
    error = problems.items[0]
    assert (error.file, error.code, error.severity) == ("archive.zip", "bad-zip", "error")
    assert str(error).startswith("archive.zip: is not a zip file (or is cut off)")
    assert "download it again" in str(error)
    with pytest.raises(InputError, match=r"^archive\.zip: is not a zip file \(or is cut off\)"):
        read_archive(path)


def test_not_a_folder_nor_zip(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(InputError, match=r"^notes\.txt: is neither a folder nor a zip file"):
        read_archive(path)
    with pytest.raises(InputError, match="does not exist"):
        read_archive(tmp_path / "missing")


def test_corrupt_member_others_still_load(tmp_path):
    members = full_members()
    path = make_zip(tmp_path / "archive.zip", members)
    data = bytearray(path.read_bytes())
    # Damage the compressed bytes of messages.csv only.
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("messages.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    problems = Problems()
    archive = read_archive(path, problems=problems)
    assert archive.messages is None and "messages.csv" not in archive.files
    assert archive.invitations is not None and archive.owner == "Kim Owner"
    assert len(archive.files) == 6
    assert [(p.file, p.code) for p in problems.errors] == [("archive.zip/messages.csv", "unreadable")]
    assert str(problems.errors[0]).startswith("archive.zip/messages.csv: cannot be read")


def test_unreadable_file_and_bad_layout_other_files_still_load(tmp_path):
    shutil.copytree(FULL, tmp_path / "a")
    # An Excel workbook saved under the CSV's name, and a messages file of unknown layout.
    (tmp_path / "a" / "Invitations.csv").write_bytes(b"PK\x03\x04\x14\x00\x06\x00 xlsx bytes")
    shutil.copy(DATA / "unknown_layout_messages.csv", tmp_path / "a" / "messages.csv")
    problems = Problems()
    archive = read_archive(tmp_path / "a", problems=problems)
    assert archive.invitations is None and archive.messages is None
    assert archive.endorsements is not None and archive.recommendations is not None
    assert archive.owner == "Kim Owner"
    assert [(p.file, p.line, p.column, p.code) for p in problems.errors] == [
        ("Invitations.csv", None, None, "binary"),
        ("messages.csv", 1, "DATE", "missing-column"),
    ]
    assert "is a zip or Excel workbook" in str(problems.errors[0])
    with pytest.raises(InputError, match=r"^Invitations\.csv: is a zip or Excel workbook.*\(and 1 more error"):
        read_archive(tmp_path / "a")


def test_bad_date_in_zip_names_member_and_line(tmp_path):
    members = full_members()
    members["messages.csv"] = (DATA / "bad_date_messages.csv").read_bytes()
    path = make_zip(tmp_path / "archive.zip", members)
    problems = Problems()
    archive = read_archive(path, problems=problems)
    assert [(p.file, p.line, p.column) for p in problems.errors] == [
        ("archive.zip/messages.csv", 3, "DATE"), ("archive.zip/messages.csv", 4, "DATE")]
    assert archive.messages["line"].tolist() == [2, 5]
    assert "messages.csv" in archive.files and archive.invitations is not None
    with pytest.raises(InputError, match=r"^archive\.zip/messages\.csv line 3, column 'DATE'"):
        read_archive(path)


def test_reading_never_writes_to_the_input(tmp_path):
    folder = tmp_path / "a"
    shutil.copytree(FULL, folder)
    zipped = make_zip(tmp_path / "archive.zip", full_members(prefix="sub/"))
    os.utime(zipped, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(tmp_path)
    read_archive(folder)
    read_archive(zipped)
    read_archive_file(zipped, "Profile.csv")
    assert snapshot(tmp_path) == before


def test_read_archive_file_and_archive_files(tmp_path):
    members = full_members(prefix="x/")
    members["x/Connections.csv"] = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    path = make_zip(tmp_path / "archive.zip", members)
    display, data = read_archive_file(path, "connections.csv")
    assert display == "archive.zip/x/Connections.csv" and data.startswith(b"First Name")
    assert read_archive_file(path, "interactions.csv") is None
    assert read_archive_file(FULL, "profile.csv") == ("Profile.csv", (FULL / "Profile.csv").read_bytes())
    assert archive_files(path)["messages.csv"] == "x/messages.csv"


# --------------------------------------------------------------------------
# Property: arbitrary input never crashes a reader
# --------------------------------------------------------------------------

READERS = {
    "messages": read_messages,
    "invitations": read_invitations,
    "endorsements received": partial(read_endorsements, direction="received"),
    "endorsements given": partial(read_endorsements, direction="given"),
    "recommendations received": partial(read_recommendations, direction="received"),
    "recommendations given": partial(read_recommendations, direction="given"),
    "profile": read_profile,
}
HEADERS = [
    b"From,To,Date,Subject,Content,Direction,Folder\n",
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
    b"FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n",
    b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
    b"Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n",
    b"Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n",
    b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
]
CELLS = st.sampled_from(["", "Kim Owner", "LinkedIn Member", "Ann Lee, PhD", '"Bo, Ek"', "OUTGOING", "INCOMING",
                         "ACCEPTED", "Yes", "SPONSORED", "2024-06-18 11:59:53 UTC", "6/17/23, 6:18 AM",
                         "2021/08/11 11:00:31 UTC", "https://www.linkedin.com/in", "www.linkedin.com/in/x%C3",
                         '"a\nb"', "\u200e", "é", "13/13/13", '"'])
ROWS = st.lists(st.lists(CELLS, max_size=14).map(lambda cells: ",".join(cells)), max_size=6).map(
    lambda rows: "\n".join(rows).encode())
INPUTS = st.one_of(st.binary(max_size=400),
                   st.tuples(st.sampled_from(HEADERS), ROWS).map(lambda t: t[0] + t[1]),
                   st.tuples(st.sampled_from(HEADERS), st.binary(max_size=200)).map(lambda t: t[0] + t[1]))
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", list(READERS))
@PROPERTY
@given(data=INPUTS)
def test_property_readers_never_crash(name, data):
    reader = READERS[name]
    problems = Problems()
    result = reader(data, problems=problems)
    assert isinstance(result, (pd.DataFrame, str))
    if isinstance(result, pd.DataFrame):
        assert result["line"].dtype == "int64"
        assert not result.drop(columns=["date", "line"]).isna().any().any()
        assert result["date"].notna().all()
    try:
        reader(data)
    except InputError as exc:
        assert exc.problems and str(exc)


@PROPERTY
@given(data=INPUTS, name=st.sampled_from(["messages.csv", "Invitations.csv", "Profile.csv",
                                         "Endorsement_Given_Info.csv", "Recommendations_Received.csv"]))
def test_property_archive_never_crashes(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("prop")
    path = make_zip(folder / "archive.zip", {name: data})
    problems = Problems()
    archive = read_archive(path, problems=problems)
    assert isinstance(archive, Archive)
    (folder / "raw.zip").write_bytes(data)
    assert isinstance(read_archive(folder / "raw.zip", problems=Problems()), Archive)
    try:
        read_archive(path)
    except InputError as exc:
        assert exc.problems


def test_zip_bytes_in_memory_are_not_extracted(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name\nKim,Owner\n")
    (tmp_path / "a.zip").write_bytes(buffer.getvalue())
    archive = read_archive(tmp_path / "a.zip")
    assert archive.owner == "Kim Owner"
    assert [p.name for p in tmp_path.iterdir()] == ["a.zip"]
    assert archive.files == ["Profile.csv"]


def test_duplicate_files_shallowest_used_with_warning_and_backslash_names(tmp_path):
    members = full_members(prefix="export\\")  # a zip made on Windows
    members["old/messages.csv"] = (DATA / "messages_2021.csv").read_bytes()
    path = make_zip(tmp_path / "archive.zip", members)
    problems = Problems()
    archive = read_archive(path, problems=problems)
    assert "export\\messages.csv" in archive.files and len(archive.messages) == 6
    assert [(p.severity, p.file, p.code) for p in problems.items] == [
        ("warning", "archive.zip/old/messages.csv", "duplicate-file")]
    assert "export\\messages.csv is used" in str(problems.items[0])
    read_archive(path)  # warnings do not raise


def test_evidence_reuses_the_load_matcher_with_the_same_result(tmp_path):
    """tie_table hands archive_evidence the matcher built by load (people from the log included);
    the evidence equals what a fresh matcher finds, and a changed people table gets a fresh one."""
    import netanalysis
    from netanalysis.analysis.ties import tie_table
    from netanalysis.analysis.evidence import EVIDENCE_COLUMNS, archive_evidence
    from netanalysis.sample import write_sample

    write_sample(tmp_path, "matchmaker", seed=3)
    net = netanalysis.load(tmp_path)
    assert net.matcher is not None and net.matcher.covers(net.people.index)
    fresh = archive_evidence(net.people, net.archive, "2026-11-01")
    reused = archive_evidence(net.people, net.archive, "2026-11-01", matcher=net.matcher)
    pd.testing.assert_frame_equal(fresh, reused)
    ties = tie_table(net, "2026-11-01")
    assert (ties["messages_sent"] > 0).any()
    pd.testing.assert_frame_equal(ties[EVIDENCE_COLUMNS], fresh[EVIDENCE_COLUMNS])
    assert not net.matcher.covers(net.people.index[1:])


@pytest.mark.parametrize("names, urls, have_urls", [
    ("Ann Lee", "https://www.linkedin.com/in/ann", True), ("Ann Lee", "", True), ("", "https://www.linkedin.com/in/ann", True),
    ("", "", True), (" ", " ", True), ("", "https://www.linkedin.com/in", True), ("Ann Lee", "junk", True),
    ("Ann Lee", "", False), ("", "", False), ("  Ann   Lee ", "", False), ("Ann Lee", "x,y", False),
])
def test_split_recipients_one_recipient_shortcut_agrees_with_the_general_path(names, urls, have_urls):
    from netanalysis.io.linkedin.messages import _split_recipients

    assert split_recipients(names, urls, have_urls=have_urls) == _split_recipients(names, urls, have_urls)
