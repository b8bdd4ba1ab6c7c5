"""Name matching between the files (issue 2, item 5).

Unit tests of :class:`netanalysis.model.matching.Matcher` and :mod:`netanalysis.io.text`,
then :func:`netanalysis.load` on the small network in ``tests/data/log/network``
(its ``Connections.csv`` holds two people called Ann Lee, Søren Hansen with a
percent-encoded URL, "Jane Smith, PhD", a styled "𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀" and Zoë Berg).
"""
from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.errors import InputError, Problems
from netanalysis.model.matching import Matcher
from netanalysis.model import load
from netanalysis.io.text import match_key, profile_slug, profile_url

LI = "https://www.linkedin.com/in/"


@pytest.fixture
def people() -> pd.DataFrame:
    return pd.DataFrame({
        "contact": ["Søren Hansen", "Ann Lee", "Ann Lee", "Jane Smith, PhD", "𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀", "Mohamed Ali"],
        "first_name": ["Søren", "Ann", "Ann", "Jane", "𝐉𝐨𝐡𝐧", "Mohamed"],
        "last_name": ["Hansen", "Lee", "Lee", "Smith, PhD", "𝐃𝐨𝐞 🚀", "Ali"],
        "slug": ["søren-hansen-1a2b3c", "annlee", "ann-lee-2", "jane-smith-phd", "john-doe-42", ""],
    }, index=["soren", "ann1", "ann2", "jane", "john", "mohamed"])


class TestMatchKey:
    @pytest.mark.parametrize("a, b", [
        ("Soren Hansen", "Søren Hansen"),            # transliteration
        ("SØREN HANSEN", "søren hansen"),            # case
        ("Jose Garcia", "José García"),              # accents
        ("Soren Hansen", "Søren\u200e  Hansen "),    # invisible mark, extra spaces
        ("John Doe", "𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀"),                # styled letters, emoji
        ("Anne Marie", "Anne-Marie"),                # punctuation
        ("Lars Moller", "Lars Møller ❤\ufe0f"),      # emoji with variation selector
        ("Ida", "\u202aIda\u202c"),                  # bidi embedding marks
    ])
    def test_same_key(self, a, b):
        assert match_key(a) == match_key(b) != ""

    @pytest.mark.parametrize("a, b", [("Ann Lee", "Anna Lee"), ("Søren Hansen", "Søren Jensen")])
    def test_different_key(self, a, b):
        assert match_key(a) != match_key(b)


class TestProfileUrl:
    @pytest.mark.parametrize("cell", [
        "https://www.linkedin.com/in/s%C3%B8ren-hansen-1a2b3c",
        "https://www.linkedin.com/in/søren-hansen-1a2b3c/",
        "http://linkedin.com/in/S%C3%B8ren-Hansen-1a2b3c?trk=people",
        "www.linkedin.com/in/søren-hansen-1a2b3c",
        "linkedin.com/in/s%c3%b8ren-hansen-1a2b3c",
        "  https://dk.linkedin.com/in/s%C3%B8ren-hansen-1a2b3c#about ",
    ])
    def test_slug_is_decoded_and_lower_cased(self, cell):
        assert profile_slug(cell) == "søren-hansen-1a2b3c"
        assert profile_url(cell) == LI + "søren-hansen-1a2b3c"

    @pytest.mark.parametrize("cell", ["", "https://www.linkedin.com/in", "https://example.com/søren"])
    def test_no_profile(self, cell):
        assert profile_slug(cell) == "" and profile_url(cell) == ""


class TestMatcher:
    @pytest.mark.parametrize("cell", ["Søren Hansen", "soren hansen", "SOREN  HANSEN", "Søren\u200e Hansen",
                                      " Soren Hansen\ufe0f "])
    def test_name_variants(self, people, cell):
        found = Matcher(people).match(cell)
        assert (found.person_id, found.by) == ("soren", "name")

    @pytest.mark.parametrize("cell", [
        "https://www.linkedin.com/in/s%C3%B8ren-hansen-1a2b3c",
        "https://www.linkedin.com/in/søren-hansen-1a2b3c/",
        "linkedin.com/in/s%C3%B8ren-hansen-1a2b3c",
        "www.linkedin.com/in/Søren-Hansen-1a2b3c",
    ])
    def test_url_variants(self, people, cell):
        found = Matcher(people).match(cell)
        assert (found.person_id, found.by) == ("soren", "url")

    def test_url_picks_one_of_two_namesakes(self, people):
        matcher = Matcher(people)
        assert matcher.match(LI + "annlee").person_id == "ann1"
        assert matcher.match("linkedin.com/in/ann-lee-2").person_id == "ann2"

    def test_ambiguous_name_lists_every_candidate(self, people):
        found = Matcher(people).match("ann lee")
        assert found.ambiguous and found.person_id is None
        assert found.candidates == ("ann1", "ann2")

    def test_styled_name_and_credentials(self, people):
        matcher = Matcher(people)
        assert matcher.match("John Doe").person_id == "john"
        assert matcher.match("Jane Smith").person_id == "jane"       # without ", PhD"
        assert matcher.match("Jane Smith PhD").person_id == "jane"

    def test_unknown_url_and_name(self, people):
        matcher = Matcher(people)
        assert matcher.match(LI + "nobody").person_id is None
        assert matcher.match("Nobody Here").person_id is None
        assert not matcher.match("Nobody Here").ambiguous

    def test_suggestions_for_a_typo(self, people):
        assert Matcher(people).suggestions("Soren Hanson") == ["Søren Hansen"]
        assert Matcher(people).suggestions("Zz Qq") == []


# --- across the files: load() -------------------------------------------------


@pytest.fixture
def network(copy_data):
    """A copy of tests/data/log/network (to append rows to)."""
    return copy_data("log/network")


def _append(path, text: str) -> None:
    with open(path, "a", encoding="utf-8", newline="") as stream:
        stream.write(text)


class TestLoad:
    def test_every_log_row_reaches_its_person(self, data_dir):
        net = load(data_dir / "log" / "network")
        log = net.log.set_index("line")
        people = net.people
        by_url = {url: pid for pid, url in people["url"].items() if url}
        # Lines 2-4: Soren Hansen / SØREN  HANSEN / søren hansen -> Søren (by name)
        soren = by_url[LI + "søren-hansen-1a2b3c"]
        assert log.loc[[2, 3, 4, 12], "person_id"].tolist() == [soren] * 4
        # Line 5: full URL -> Ann Lee of Acme; line 6: URL without scheme -> Ann Lee of Globex
        assert log.at[5, "person_id"] == by_url[LI + "annlee"]
        assert log.at[6, "person_id"] == by_url[LI + "ann-lee-2"]
        # Line 7: "Jane Smith" -> "Jane Smith, PhD"; line 8: "John Doe" -> "𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀"
        assert people.at[log.at[7, "person_id"], "contact"] == "Jane Smith, PhD"
        assert people.at[log.at[8, "person_id"], "contact"] == "𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀"
        # Line 9: percent-encoded URL without scheme -> Zoë Berg
        assert people.at[log.at[9, "person_id"], "contact"] == "Zoë Berg"
        # Line 5's `with` names Jane Smith
        assert log.at[5, "with_ids"] == (log.at[7, "person_id"],)

    def test_off_linkedin_people_are_kept_counted_and_warned(self, data_dir):
        net = load(data_dir / "log" / "network")
        off = net.people[~net.people["on_linkedin"]]
        # "Karen Family" (contacts.csv) and "Maria Off-Linkedin" (interactions.csv, 2 rows)
        assert sorted(off["contact"]) == ["Karen Family", "Maria Off-Linkedin"]
        assert int(net.people["on_linkedin"].sum()) == 6
        assert net.hidden_members == 1
        maria = net.log[net.log["contact"] == "Maria Off-Linkedin"]
        assert maria["person_id"].nunique() == 1 and len(maria) == 2
        warnings = {(w.file, w.value): w for w in net.warnings if w.code == "off-linkedin"}
        assert set(warnings) == {("contacts.csv", "Karen Family"), ("interactions.csv", "Maria Off-Linkedin")}
        assert warnings["interactions.csv", "Maria Off-Linkedin"].line == 10
        assert "2 row(s)" in warnings["interactions.csv", "Maria Off-Linkedin"].message

    def test_annotations_reach_the_person(self, data_dir):
        people = load(data_dir / "log" / "network").people.set_index("url")
        # contacts.csv: "Soren Hansen,client,4,30,develop"; the Globex Ann Lee by URL
        assert people.loc[LI + "søren-hansen-1a2b3c", ["circle", "chemistry", "cadence_days", "status"]].tolist() \
            == ["client", 4, 30, "develop"]
        assert people.loc[LI + "ann-lee-2", "circle"] == "former-colleague"
        assert people.loc[LI + "annlee", "circle"] == ""

    def test_typo_gets_a_suggestion(self, network):
        _append(network / "interactions.csv", "2026-03-02,Soren Hanson,coffee,gave,,,,,\n")
        net = load(network)
        [warning] = [w for w in net.warnings if w.value == "Soren Hanson"]
        assert (warning.file, warning.line, warning.column, warning.code) == \
            ("interactions.csv", 13, "contact", "off-linkedin")
        assert "did you mean 'Søren Hansen'?" in warning.fix
        assert "Soren Hanson" in set(net.people["contact"])

    def test_unknown_url_becomes_a_person_off_linkedin(self, network):
        _append(network / "interactions.csv", "2026-03-02,linkedin.com/in/s%C3%B8s-new,coffee,gave,,,,,\n")
        net = load(network)
        row = net.people[net.people["url"] == LI + "søs-new"]
        assert len(row) == 1 and not row["on_linkedin"].iloc[0]

    def test_ambiguous_name_is_an_error_listing_every_candidate(self, network):
        _append(network / "interactions.csv",
                "2026-03-02,ann lee,coffee,gave,,,,,\n"      # line 13
                "2026-03-03,Mia Holm,coffee,gave,,,,,\n"     # line 14
                "2026-03-04,Ann  Lee,call,gave,,,,,\n")      # line 15 (same key, other spelling)
        with pytest.raises(InputError) as caught:
            load(network)
        errors = [p for p in caught.value.problems if p.severity == "error"]
        assert [(p.file, p.line, p.column, p.code) for p in errors] == [
            ("interactions.csv", 13, "contact", "ambiguous-name"),
            ("interactions.csv", 15, "contact", "ambiguous-name"),
        ]
        problem = errors[0]
        assert problem.value == "ann lee"
        # every candidate with URL and company, and the fix
        assert "Ann Lee (https://www.linkedin.com/in/annlee, Acme)" in problem.message
        assert "Ann Lee (https://www.linkedin.com/in/ann-lee-2, Globex)" in problem.message
        assert "URL" in problem.fix
        assert str(problem) in str(caught.value)

    def test_ambiguous_name_on_several_rows_names_them_all(self, network):
        _append(network / "interactions.csv",
                "2026-03-02,Ann Lee,coffee,gave,,,,,\n"      # line 13
                "2026-03-03,Ann Lee,call,gave,,,,,\n"        # line 14
                "2026-03-04,Ann Lee,call,gave,,,,,\n")       # line 15
        problems = Problems()
        load(network, problems=problems)
        [problem] = problems.errors
        assert problem.line == 13
        assert "also on line(s) 14, 15" in problem.message

    def test_ambiguous_name_in_contacts_and_in_with(self, network):
        _append(network / "contacts.csv", "Ann Lee,client,,,,,,\n")                      # contacts line 5
        _append(network / "interactions.csv", "2026-03-02,Zoë Berg,intro,gave,,,,Ann Lee,\n")  # line 13
        problems = Problems()
        load(network, problems=problems)
        found = sorted((p.file, p.line, p.column) for p in problems.errors)
        assert found == [("contacts.csv", 5, "contact"), ("interactions.csv", 13, "with")]
        assert all(p.code == "ambiguous-name" and "Globex" in p.message for p in problems.errors)

    def test_exact_display_name_breaks_a_tie(self, write_file):
        # "Søren Hansen" and "Soren Hansen" share a key; the exact spelling picks one.
        connections = write_file("Connections.csv",
                                 "First Name,Last Name,URL,Connected On\n"
                                 "Søren,Hansen,https://www.linkedin.com/in/a,04 Jul 2023\n"
                                 "Soren,Hansen,https://www.linkedin.com/in/b,04 Jul 2023\n")
        log = write_file("interactions.csv", "date,contact,kind,direction\n2026-01-01,Soren Hansen,call,gave\n"
                                             "2026-01-02,søren hansen,call,gave\n")
        problems = Problems()
        net = load(connections=connections, interactions=log, problems=problems)
        assert net.log.loc[0, "person_id"] == "c:b"
        assert [(p.line, p.code) for p in problems.errors] == [(3, "ambiguous-name")]

    def test_log_finds_a_person_added_by_contacts(self, network):
        # "Karen Family" is only in contacts.csv (line 4): the log reaches her, one person, one warning.
        _append(network / "interactions.csv", "2026-03-02,karen family,gift,gave,,,,,\n")
        net = load(network)
        karen = net.people[net.people["contact"] == "Karen Family"]
        assert len(karen) == 1 and karen["circle"].iloc[0] == "family"
        assert net.log[net.log["line"] == 13]["person_id"].tolist() == karen.index.tolist()
        assert [w.file for w in net.warnings if w.value and "karen" in w.value.lower()] == ["contacts.csv"]

    def test_names_without_letters_stay_one_person(self, network):
        # "🚀" has an empty match key: it must still be one person, the same in both files.
        _append(network / "contacts.csv", "🚀,friend,,,,,,\n")
        _append(network / "interactions.csv", "2026-03-02,🚀,coffee,gave,,,,★,\n")
        net = load(network)
        assert not net.people.index.duplicated().any()
        rocket = net.people[net.people["contact"] == "🚀"]
        assert len(rocket) == 1 and rocket["circle"].iloc[0] == "friend"
        row = net.log[net.log["line"] == 13].iloc[0]
        assert row["person_id"] == rocket.index[0]
        [star] = row["with_ids"]
        assert net.people.at[star, "contact"] == "★"

    def test_knows_problems_name_the_contacts_line(self, network):
        _append(network / "contacts.csv", "Zoë Berg,client,,,,,,\n")   # line 5 (no `knows` column yet)
        text = (network / "contacts.csv").read_text(encoding="utf-8").splitlines()
        # add a `knows` column: Zoë (line 5) knows an ambiguous "Ann Lee" and a stranger
        text[0] += ",knows"
        text = [line + ("," if index else "") for index, line in enumerate(text)]
        text[4] = text[4] + "Ann Lee;Nobody Known"
        (network / "contacts.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
        problems = Problems()
        load(network, problems=problems)
        [error] = problems.errors
        assert (error.file, error.line, error.column, error.value, error.code) == \
            ("contacts.csv", 5, "knows", "Ann Lee", "ambiguous-name")
        [warning] = [w for w in problems.warnings if w.column == "knows"]
        assert (warning.line, warning.value) == (5, "Nobody Known")
