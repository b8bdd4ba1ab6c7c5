"""The fixed vocabularies of the inputs and the findings."""
from __future__ import annotations

__all__ = ["KINDS", "DIRECTIONS", "CHANNELS", "PURPOSES", "STATUSES", "RULES", "CIRCLES", "VERBS"]

#: Known interaction kinds -> (default value 1-5 to the receiver, default channel).
KINDS: dict[str, tuple[int, str]] = {
    "coffee": (2, "offline"),
    "meeting": (3, "offline"),
    "call": (2, "online"),
    "message": (1, "online"),
    "email": (1, "online"),
    "meal": (3, "offline"),
    "event": (2, "offline"),
    "intro": (4, "online"),
    "referral": (5, "online"),
    "advice": (3, "online"),
    "help": (4, "offline"),
    "endorsement": (1, "online"),
    "recommendation": (4, "online"),
    "gift": (2, "offline"),
}
#: Default value and channel of a kind the user wrote but we do not know.
UNKNOWN_KIND_DEFAULT: tuple[int, str] = (2, "")

DIRECTIONS = ("gave", "received", "mutual")
CHANNELS = ("online", "offline")
PURPOSES = ("sales", "job", "learning", "lobbying")
STATUSES = ("develop", "keep", "wind-down")
CIRCLES = ("colleague", "former-colleague", "client", "partner", "community",
           "mentor", "friend", "family", "other")
#: Circles that are private rather than professional (seed: keep them out).
PRIVATE_CIRCLES = ("family", "friend")
#: Circles that make up the "old network" (seed: don't get stuck in it).
OLD_CIRCLES = ("colleague", "former-colleague")

#: The rules of the findings: one per piece of the seed essays' advice (``Finding.rule``).
RULES = ("purpose", "chemistry", "reciprocity", "depth", "renewal", "family",
         "staleness", "follow-up", "matchmaking")
#: Action verbs.
VERBS = ("reconnect", "give back", "ask", "follow up", "introduce", "thank", "wind down")
