"""The classroom helpers (netanalysis.classroom.exercises): the five-person network worked by hand,
and checkers that say Correct, or give a hint without the answer.

Expected values are worked on paper from ``FIVE_PEOPLE`` (review date 2026-11-01,
half-life 180 days, window 365 days); see each test's comment.
"""
from __future__ import annotations

import pytest

import netanalysis
from netanalysis.sample.bundled import bundled_sample
from netanalysis.classroom.exercises import (ADVICE, FIVE_PEOPLE_AS_OF, check_blau, check_constraint, check_diagnosis,
                                   check_introductions, check_strength, compare, vital_signs, write_five_people)
from netanalysis.sample import PERSONAS, SAMPLE_AS_OF, write_sample
from netanalysis.vocab import RULES

# Cai Eriksen: rows 0, 180, 360 days old (decay 1, 1/2, 1/4) with values 4 (received), 2 (mutual), 1 (gave).
CAI_I = 4 / 5 * 1 + 2 / 5 * 0.5 + 1 / 5 * 0.25          # 1.05
CAI_T = 2 * 3 / (3 + 6)                                  # G = 1 + 2, R = 4 + 2
CAI_M = (3 + 2 + 2) / 9                                  # meeting/coffee/email, sales/learning, offline/online
CAI_D = 4 / 5                                            # connected 2022-11-01: 1461 days = 4 years
CAI_STRENGTH = CAI_I / (CAI_I + 1) * (0.55 + 0.15 * CAI_T + 0.15 * CAI_M + 0.15 * CAI_D)   # 0.4541
# Effort (rows of the last 365 days) by circle: colleague 4 (Ann 3, Bo 1), client 3, community 2, friend 1.
# Days in touch in the window: Ann 3, Bo 2 (colleagues 5), Cai 3 (client), Dina 2 (community),
# Emil 2 (friend: the meal, and Dina's event he was at): 12 in all.
BLAU_EFFORT = 1 - (5 ** 2 + 3 ** 2 + 2 ** 2 + 2 ** 2) / 12 ** 2   # 0.7083
BLAU_PEOPLE = 1 - (0.4 ** 2 + 3 * 0.2 ** 2)                         # 2 colleagues of 5 people: 0.72
# Unweighted constraint: me tied to all five (A..E); A-B, A-D, B-C, D-E; p_me,j = 1/5, p_A,* = p_B,* = p_D,* = 1/3,
# p_C,* = p_E,* = 1/2.  Σ_j (p_me,j + Σ_q p_me,q p_q,j)², j = A (via B, D), B (via A, C), C (via B), D (via A, E),
# E (via D):
UNWEIGHTED_CONSTRAINT = ((0.2 + 0.2 / 3 + 0.2 / 3) ** 2 + (0.2 + 0.2 / 3 + 0.1) ** 2 + (0.2 + 0.2 / 3) ** 2
                         + (0.2 + 0.2 / 3 + 0.1) ** 2 + (0.2 + 0.2 / 3) ** 2)                # 0.5222


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    net = netanalysis.load(write_five_people(tmp_path_factory.mktemp("five")))
    return net, netanalysis.review(net, as_of=FIVE_PEOPLE_AS_OF)


@pytest.fixture(scope="module")
def mette():
    return netanalysis.review(netanalysis.load(bundled_sample()), as_of=SAMPLE_AS_OF)


def _no_answer(message: str, value: float) -> None:
    """The message gives no rounding of the expected value away."""
    for digits in (2, 3, 4):
        assert f"{value:.{digits}f}" not in message, message


class TestFivePeople:
    def test_loads_without_problems(self, five):
        net, _ = five
        assert net.problems == []
        assert len(net.people) == 5 and len(net.log) == 12

    def test_library_strength_matches_the_hand_worked_value(self, five):
        _, rev = five
        cai = rev.ties.set_index("contact").loc["Cai Eriksen"]
        assert round(CAI_STRENGTH, 4) == 0.4541
        assert cai["strength"] == pytest.approx(CAI_STRENGTH, abs=1e-9)
        assert cai["two_way"] == pytest.approx(CAI_T)

    def test_blau_of_effort_and_of_people(self, five):
        _, rev = five
        assert rev.diversity.method == "circle"
        assert rev.diversity.blau_effort == pytest.approx(BLAU_EFFORT) == pytest.approx(0.7083, abs=1e-4)
        assert rev.diversity.blau_contacts == pytest.approx(BLAU_PEOPLE) == pytest.approx(0.72)

    def test_vital_signs(self, five):
        _, rev = five
        signs = vital_signs(rev)
        assert signs["connections"] == 5
        assert signs["never met (% of connections)"] == 0
        assert signs["met only once (% of those met)"] == 0          # everyone in touch on 2+ days
        assert signs["effort on (former) colleagues (%)"] == 42       # 5 of 12
        assert signs["effort on family and friends (%)"] == 17        # Emil's meal and the event: 2 of 12
        assert signs["effort on relations begun this year (%)"] == 0
        assert signs["effort on low chemistry (%)"] == 0              # nobody rated 2 or less
        assert signs["effort matching the mission (%)"] is None       # no goals.toml

    def test_compare_puts_reviews_side_by_side(self, five):
        _, rev = five
        table = compare({"a": rev, "b": rev})
        assert list(table.columns) == ["a", "b"]
        assert str(table["a"].dtype) == "Int64"
        assert table.loc["connections", "b"] == 5


class TestCheckStrength:
    def test_placeholder(self, five):
        net, _ = five
        assert check_strength(None, net, "Cai Eriksen", as_of=FIVE_PEOPLE_AS_OF) == \
            "Write your answer in my_strength (a number between 0 and 1)."

    @pytest.mark.parametrize("answer", [CAI_STRENGTH, round(CAI_STRENGTH, 3), "0.4541"])
    def test_correct(self, five, answer):
        net, _ = five
        assert check_strength(answer, net, "cai  eriksen", as_of=FIVE_PEOPLE_AS_OF).startswith("Correct")

    @pytest.mark.parametrize("answer, hint", [
        (CAI_STRENGTH * (1.4 / 2.4) / (1.05 / 2.05), "decay"),                  # I without decay: 1.4
        (5.25 / 6.25 / (1.05 / 2.05) * CAI_STRENGTH, "v / 5"),                 # I without /5: 5.25
        (1.05 / 2.05 * (0.55 + 0.15 * 0.4 + 0.15 * CAI_M + 0.15 * CAI_D), "mutual"),   # T = 2·1/5
        (1.05 * (0.55 + 0.15 * CAI_T + 0.15 * CAI_M + 0.15 * CAI_D), "saturated"),
        (0.3, "one at a time"),
        (1.7, "between 0 and 1"),
        ("abc", "should be a number"),
    ])
    def test_hints_name_the_mistake_not_the_answer(self, five, answer, hint):
        net, _ = five
        message = check_strength(answer, net, "Cai Eriksen", as_of=FIVE_PEOPLE_AS_OF)
        assert message.startswith("Not quite") and hint in message
        _no_answer(message, CAI_STRENGTH)

    def test_parts_are_checked_one_by_one(self, five):
        net, _ = five
        message = check_strength(None, net, "Cai Eriksen", as_of=FIVE_PEOPLE_AS_OF,
                                 parts={"I": CAI_I, "T": 0.4, "M": None, "D": 0.8})
        lines = message.splitlines()
        assert lines[0] == "I: correct."
        assert lines[1].startswith("T: not quite") and "mutual" in lines[1]
        assert lines[2] == "M: write your value in parts['M']."
        assert lines[3] == "D: correct."
        assert lines[4].startswith("Write your answer")

    def test_unknown_contact(self, five):
        net, _ = five
        assert "no 'Nobody'" in check_strength(0.5, net, "Nobody", as_of=FIVE_PEOPLE_AS_OF)


class TestCheckBlau:
    @pytest.mark.parametrize("answer, start", [(None, "Write your answer in my_blau"), (0.7083, "Correct"),
                                               (0.7087, "Correct"), (70.83, "Almost"), ("x", "Not quite")])
    def test_status(self, five, answer, start):
        assert check_blau(answer, five[1]).startswith(start)

    @pytest.mark.parametrize("answer, hint", [
        (42 / 144, "Σ p²"),                       # forgot 1 -
        (BLAU_PEOPLE, "people"),                  # shared out the people, not the effort
        (1 - (25 + 9 + 4 + 1) / 121, "with"),     # left out Emil's presence at the event: 5, 3, 2, 1
        (1 - (36 + 9 + 4 + 4) / 169, "365 days"),  # counted Bo's old row too: 6, 3, 2, 2
        (-41.0, "shares"),                        # 1 - Σ n² on counts
    ])
    def test_hints(self, five, answer, hint):
        message = check_blau(answer, five[1])
        assert message.startswith("Not quite") and hint in message
        _no_answer(message, BLAU_EFFORT)


class TestCheckConstraint:
    def test_correct_and_placeholder(self, five):
        rev = five[1]
        assert check_constraint(None, rev).startswith("Write your answer in my_constraint")
        assert check_constraint(rev.matchmaking.constraint, rev).startswith("Correct")

    def test_unweighted_answer_gets_the_weights_hint(self, five):
        rev = five[1]
        assert UNWEIGHTED_CONSTRAINT == pytest.approx(0.52222, abs=1e-5)
        message = check_constraint(UNWEIGHTED_CONSTRAINT, rev)
        assert message.startswith("Not quite") and "weigh" in message
        _no_answer(message, rev.matchmaking.constraint)

    def test_direct_part_only_gets_the_indirect_hint(self, five):
        rev = five[1]
        strengths = rev.ties["strength"]
        direct = float(((strengths / strengths.sum()) ** 2).sum())
        assert "indirect" in check_constraint(direct, rev)


class TestCheckDiagnosis:
    def test_placeholder_and_unknown_rule(self):
        assert check_diagnosis("student", None, name='my_diagnosis["student"]').startswith(
            'Write your answer in my_diagnosis["student"]')
        message = check_diagnosis("student", "networking")
        assert message.startswith("Not quite") and all(rule in message for rule in RULES)
        assert check_diagnosis("nobody", "depth").startswith("There is no persona")

    @pytest.mark.parametrize("persona", list(PERSONAS))
    def test_every_persona(self, persona):
        rule = PERSONAS[persona].rule
        assert check_diagnosis(persona, rule.upper()) == \
            f'Correct: the {persona} most needs to hear "{ADVICE[rule]}".'
        wrong = next(r for r in RULES if r != rule)
        message = check_diagnosis(persona, wrong)
        assert message.startswith("Not quite") and rule not in message.split(":", 1)[1]

    def test_follow_up_spellings(self):
        assert check_diagnosis("student", "follow up").startswith("Correct")
        assert check_diagnosis("student", "follow_up").startswith("Correct")

    def test_a_secondary_finding_is_named_as_such(self, mette):
        message = check_diagnosis("matchmaker", "family", rev=mette)
        assert "family is one of its findings, but not the most severe" in message

    def test_the_checker_agrees_with_the_reviews(self, tmp_path):
        """check_diagnosis expects the persona's rule: it must be its review's headline."""
        for persona, spec in PERSONAS.items():
            write_sample(tmp_path / persona, persona, seed=7)
            rev = netanalysis.review(netanalysis.load(tmp_path / persona), as_of=SAMPLE_AS_OF)
            assert rev.headline.rule == spec.rule, persona


class TestCheckIntroductions:
    def test_the_librarys_own_suggestions_are_correct(self, mette):
        top = mette.matchmaking.introductions.head(3)
        pairs = [(r.a, r.b, f"{r.a} has {r.matched.replace(';', ' and ')}") for r in top.itertuples()]
        message = check_introductions(pairs, mette)
        assert message.startswith("Correct: all three introductions hold up (3 of them")

    def test_placeholder_and_shape(self, mette):
        assert check_introductions(None, mette).startswith("Write your answer in my_introductions")
        assert "exactly three" in check_introductions([("a", "b", "c")], mette)
        assert "exactly three" in check_introductions("abc", mette)

    def test_each_pair_gets_its_own_hint(self, mette):
        t = mette.ties
        good = mette.matchmaking.introductions.iloc[0]
        family = t.loc[t["circle"] == "family", "contact"].iloc[0]
        tied = next((a, b) for a, b in mette.graph.edges() if "me" not in (a, b)
                    and min(t.at[a, "strength"], t.at[b, "strength"]) >= 0.35)
        pairs = [(good.a, good.b, ""), (family, good.b, "family first"),
                 (t.at[tied[0], "contact"], t.at[tied[1], "contact"], "they should meet")]
        lines = check_introductions(pairs, mette).splitlines()
        assert lines[0] == "Not quite: 0 of 3 hold up."
        assert lines[1].startswith("1. Almost") and "add a reason" in lines[1]
        assert lines[2].startswith("2. Not quite") and "is family" in lines[2]
        assert lines[3].startswith("3. Not quite") and "already know each other" in lines[3]

    def test_names_trust_and_reasons(self, mette):
        t = mette.ties
        good = mette.matchmaking.introductions.iloc[0]
        weak = t[(t["strength"] < 0.2) & (t["circle"] != "family") & (t["circle"] != "friend")
                 & (t["status"] != "wind-down")]
        weak = weak[weak["cluster"] != t.set_index("contact").at[good.a, "cluster"]]
        weak = next(n for pid, n in weak["contact"].items()
                    if not mette.graph.has_edge(pid, good.a_id))
        pairs = [("Nobody Here", good.b, "x"), (weak, good.a, "x"), (good.a, good.b, "they would like each other")]
        lines = check_introductions(pairs, mette).splitlines()
        assert "no 'Nobody Here'" in lines[1]
        assert "vouch" in lines[2] and weak in lines[2]
        assert lines[3].startswith("3. Almost") and "offers and needs" in lines[3]

    def test_same_person_and_repeats(self, mette):
        good = mette.matchmaking.introductions.iloc[0]
        reason = good.matched.split(";")[0]
        lines = check_introductions([(good.a, good.a, "x"), (good.a, good.b, reason), (good.b, good.a, reason)],
                                    mette).splitlines()
        assert "same person" in lines[1]
        assert lines[2] == f"2. Good: {good.a} and {good.b}."
        assert "already in your list" in lines[3]


def test_introductions_refuse_takers_and_low_chemistry(tmp_path):
    from labelled_networks import AS_OF as LAB_AS_OF, LABELLED

    builder, _ = LABELLED["hidden_taker"]()
    rev = netanalysis.review(netanalysis.load(builder.write(tmp_path)), as_of=LAB_AS_OF)
    assert bool(rev.ties.set_index("contact").loc["Peter Taker", "taker"])
    message = check_introductions([("Lena Giver", "Peter Taker", "Peter offers funding, which Lena needs"),
                                   ("a", "b", ""), ("c", "d", "")], rev)
    assert "1. Not quite: Peter Taker has taken much more than given back" in message
    low = rev.ties.index[0]
    rev.ties.loc[low, "chemistry"] = 1
    name = rev.ties.loc[low, "contact"]
    other = rev.ties.loc[rev.ties.index[1], "contact"]
    assert f"you rate {name} 1 of 5 for chemistry" in check_introductions(
        [(name, other, "x"), ("a", "b", ""), ("c", "d", "")], rev)
