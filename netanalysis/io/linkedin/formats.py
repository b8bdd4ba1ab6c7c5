"""How LinkedIn writes its files: headers, the ``Connections.csv`` preamble, dates and times.

The readers accept far more than this (older layouts, Excel re-saves, columns
in any order); these are the layouts LinkedIn writes today, which the sample
generator (:mod:`netanalysis.sample`) and the anonymiser
(:mod:`netanalysis.anonymize`) write back.

>>> import datetime
>>> linkedin_day(datetime.date(2023, 7, 4))
'04 Jul 2023'
>>> us_time(datetime.datetime(2023, 6, 17, 6, 18), pad=False), us_time(datetime.datetime(2024, 4, 15, 21, 25), pad=True)
('6/17/23, 6:18 AM', '04/15/24, 09:25 PM')
>>> utc_time(datetime.datetime(2021, 8, 11, 11, 0, 31), "/")
'2021/08/11 11:00:31 UTC'
"""
from __future__ import annotations

import datetime as dt

__all__ = ["PROFILE_PREFIX", "CONNECTIONS_PREAMBLE", "CONNECTIONS_HEADER", "PROFILE_HEADER", "MESSAGE_HEADER",
           "INVITATION_HEADER", "ENDORSEMENT_HEADER", "ENDORSEMENT_GIVEN_HEADER", "RECOMMENDATION_HEADER",
           "MONTHS", "US_DATETIME", "UTC_DATETIME", "SLASH_UTC_DATETIME", "MONTH_NAME_DATETIME", "linkedin_day",
           "us_time", "utc_time"]

#: Every profile URL starts so (the slug follows, percent-encoded when not ASCII).
PROFILE_PREFIX = "https://www.linkedin.com/in/"

#: The three lines before the header of ``Connections.csv`` (since 2021).
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
#: ``Connections.csv`` since mid-2023 (``Connected On`` as ``04 Jul 2023``).
CONNECTIONS_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
#: The archive's files in their 2024 layouts.
PROFILE_HEADER = ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                  "Instant Messengers")
MESSAGE_HEADER = ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                  "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
                  "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT")
INVITATION_HEADER = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                     "inviteeProfileUrl")
ENDORSEMENT_HEADER = ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                      "Endorser Public Url", "Endorsement Status")
ENDORSEMENT_GIVEN_HEADER = ("Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name",
                            "Endorsee Public Url", "Endorsement Status")
RECOMMENDATION_HEADER = ("First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status")

#: English month abbreviations, whatever the locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Date formats LinkedIn has used in the archive, tried in order (all month-first; never day-first).
US_DATETIME = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %I:%M:%S %p",
               "%m/%d/%y %I:%M %p", "%m/%d/%Y %I:%M %p")
UTC_DATETIME = ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ",
                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M UTC", "%Y-%m-%d %H:%M")
SLASH_UTC_DATETIME = ("%Y/%m/%d %H:%M:%S UTC", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d")
#: Dates with the month in English words, seen in real archive files (``Mar 25 2023 10:15 AM``,
#: ``March 25, 2023``, ``25 March 2023``): never ambiguous, so every archive reader takes them too.
MONTH_NAME_DATETIME = tuple(
    f"{day} {time}".strip() for day in ("%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y")
    for time in ("%I:%M %p", "%I:%M:%S %p", "%H:%M", "%H:%M:%S", ""))


def linkedin_day(day: dt.date) -> str:
    """``04 Jul 2023`` (``Connected On``) with English month names whatever the locale."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def us_time(moment: dt.datetime, *, pad: bool) -> str:
    """``6/17/23, 6:18 AM`` (invitations) or, with ``pad``, ``06/17/23, 06:18 AM`` (recommendations)."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    if pad:
        return f"{moment.month:02d}/{moment.day:02d}/{moment.year % 100:02d}, {hour:02d}:{moment.minute:02d} {half}"
    return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {hour}:{moment.minute:02d} {half}"


def utc_time(moment: dt.datetime, separator: str = "-") -> str:
    """``2024-06-18 11:59:53 UTC`` (messages) or, with ``separator="/"``, ``2021/08/11 11:00:31 UTC`` (endorsements)."""
    return moment.strftime(f"%Y{separator}%m{separator}%d %H:%M:%S UTC")
