"""Word lists for the synthetic sample: names, employers, positions, skills, texts.

Plain data, no logic.  Name pools are grouped by origin so a generated person
gets a first and a last name from the same group; the groups' weights make a
network that looks Danish with a Nordic and international rim.
"""
from __future__ import annotations

__all__ = ["NAME_GROUPS", "COMPOUND_GROUPS", "SCRIPT_NAMES", "COMPANIES", "POSITIONS", "SKILLS",
           "LINKEDIN_SKILLS", "NOTES", "MESSAGES", "OPENERS", "INVITE_NOTES",
           "RECOMMENDATIONS", "STUDENT_INVITE", "DEGREES", "EMOJI", "EMAIL_DOMAINS"]

_DA_FIRST = (
    "Anders Anne Birgitte Bo Camilla Christian Dorthe Emil Freja Frederik Gitte "
    "Hanne Henrik Ida Jakob Jens Jesper Julie Karen Kasper Katrine Kirsten Lars "
    "Lene Line Louise Mads Maja Malene Mette Michael Mikkel Morten Niels Nikolaj "
    "Ole Peter Pia Rasmus Rikke Sara Signe Simon Sofie Susanne Søren Thomas Tine "
    "Torben Trine Ulla Vibeke Anders-Emil Bjørn Jørgen Jørn Åse Kåre Bent "
    "Charlotte Helle Inge Jonas Laura Marianne Mathias Nanna Oliver Troels"
).split()
_DA_LAST = (
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
    "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen "
    "Johansen Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen Frederiksen "
    "Laursen Henriksen Lund Schmidt Holm Kjær Bach Dahl Vestergaard Jeppesen "
    "Nørgaard Østergaard Bøgh Lauridsen Ravn Friis Skov Brandt Winther Krogh "
    "Damgaard Søndergaard Juhl Kjærgaard Bjerre Kjær-Hansen Brøndum Thygesen "
    "Hvidberg Gravesen Dalsgaard Iversen Lindberg Toft Bonde Nyborg Hedegaard"
).split()
_NORDIC_FIRST = (
    "Åsa Björn Ingrid Lars-Erik Maja Sven Astrid Øyvind Håkon Sigrid Kari Eero "
    "Aino Jóhanna Guðrún Ólafur Linnéa Pär Mikko Tuomas Ragnhild Solveig Elin Nils"
).split()
_NORDIC_LAST = (
    "Lindqvist Håkansson Lindström Bråten Søberg Johansson Andersson Karlsson "
    "Nyström Virtanen Korhonen Jónsdóttir Sigurðsson Haugen Berg Ekström Åberg "
    "Strøm Bakke Mäkinen Löfgren Sjöberg Dahlgren"
).split()
_EN_FIRST = "James Emily Sarah David Laura Daniel Rachel Tom Olivia Chris Kate Ben".split()
_EN_LAST = "Smith Johnson Williams Brown Taylor Wilson Evans Clarke O'Brien Murphy Walsh".split()
_DE_FIRST = "Jürgen Katrin Stefan Anja Matthias Lena Jörg Sabine Tobias Käthe".split()
_DE_LAST = "Müller Schneider Fischer Weber Becker Schäfer Hoffmann Groß Köhler".split()
_FR_FIRST = "Hélène François Camille Élodie Jérôme Amélie Loïc Céline".split()
_FR_LAST = "Lefèvre Dubois Moreau Girard Bérubé Fontaine Leclerc Mercier".split()
_ES_FIRST = "José María Lucía Andrés Sofía Javier Begoña Iñaki".split()
_ES_LAST = "García Núñez Rodríguez Martínez Fernández López Peña Ibáñez".split()
_IT_FIRST = "Giulia Marco Francesca Luca Chiara Niccolò".split()
_IT_LAST = "Rossi Bianchi Romano Ferrari Esposito Colombo".split()
_NL_FIRST = "Daan Sanne Bram Femke Joost Lotte".split()
_NL_LAST = ["de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "van den Berg"]
_PL_FIRST = "Łukasz Agnieszka Paweł Małgorzata Krzysztof Zofia".split()
_PL_LAST = "Wójcik Kowalski Nowak Wiśniewska Zieliński Lewandowska".split()
_IN_FIRST = "Priya Rahul Ananya Vikram Deepa Arjun Sneha Rohan".split()
_IN_LAST = "Sharma Patel Gupta Iyer Reddy Nair Singh Menon".split()
_CN_FIRST = "Wei Li Na Jun Mei Xin Yan Hao".split()
_CN_LAST = "Zhang Wang Chen Liu Yang Huang Zhao Wu".split()
_TR_FIRST = "Şebnem Mehmet Ayşe Emre Zeynep Çağla".split()
_TR_LAST = "Yılmaz Kaya Demir Çelik Şahin Öztürk".split()
_AR_FIRST = "Ahmed Fatima Omar Layla Yousef Mariam Ali Nour".split()
_AR_LAST = "Hassan Ali Haddad Nasser Mansour Khalil Saleh".split()

#: (weight, first names, last names) per origin group.
NAME_GROUPS: tuple[tuple[float, list[str], list[str]], ...] = (
    (0.60, _DA_FIRST, _DA_LAST),
    (0.09, _NORDIC_FIRST, _NORDIC_LAST),
    (0.06, _EN_FIRST, _EN_LAST),
    (0.05, _DE_FIRST, _DE_LAST),
    (0.03, _FR_FIRST, _FR_LAST),
    (0.03, _ES_FIRST, _ES_LAST),
    (0.02, _IT_FIRST, _IT_LAST),
    (0.02, _NL_FIRST, _NL_LAST),
    (0.02, _PL_FIRST, _PL_LAST),
    (0.03, _IN_FIRST, _IN_LAST),
    (0.02, _CN_FIRST, _CN_LAST),
    (0.015, _TR_FIRST, _TR_LAST),
    (0.015, _AR_FIRST, _AR_LAST),
)
#: Indexes of NAME_GROUPS whose people often carry two surnames (Danish, Spanish).
COMPOUND_GROUPS = frozenset({0, 5})
#: Names written in their own script (first, last), as LinkedIn shows them.
SCRIPT_NAMES: tuple[tuple[str, str], ...] = (
    ("伟", "王"), ("娜", "李"), ("美咲", "佐藤"), ("민준", "김"),
    ("محمد", "العلي"), ("فاطمة", "حسن"), ("Дмитрий", "Иванов"), ("Ελένη", "Παπαδοπούλου"),
)
EMOJI = ("🚀", "🌱", "✨", "💡", "🇩🇰", "☕")
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.dk", "live.dk", "yahoo.com", "mail.dk")
DEGREES = (", PhD", ", MBA", ", CFA", ", Ph.D.", ", MSc", ", cand.merc.")

#: (company, kind) -- kind picks the position list.
COMPANIES: tuple[tuple[str, str], ...] = (
    ("Novo Nordisk", "firm"), ("A.P. Moller - Maersk", "firm"), ("Ørsted", "firm"),
    ("Carlsberg Group", "firm"), ("Danske Bank", "firm"), ("The LEGO Group", "firm"),
    ("Vestas", "firm"), ("DSV", "firm"), ("Netcompany", "consult"), ("Pandora", "firm"),
    ("Coloplast", "firm"), ("Genmab", "firm"), ("Trustpilot", "startup"),
    ("Unity Technologies", "firm"), ("Zendesk", "firm"), ("Microsoft", "firm"),
    ("Google", "firm"), ("Deloitte", "consult"), ("PwC Danmark", "consult"),
    ("KPMG", "consult"), ("EY", "consult"), ("McKinsey & Company", "consult"),
    ("Accenture", "consult"), ("IBM", "firm"), ("Nordea", "firm"), ("TDC NET", "firm"),
    ("Jyske Bank", "firm"), ("Arla Foods", "firm"), ("Grundfos", "firm"),
    ("Danfoss", "firm"), ("Rambøll", "consult"), ("COWI", "consult"),
    ("Pleo", "startup"), ("Lunar", "startup"), ("Vivino", "startup"),
    ("Too Good To Go", "startup"), ("Templafy", "startup"), ("Corti", "startup"),
    ("Danmarks Tekniske Universitet", "uni"), ("Københavns Universitet", "uni"),
    ("Aarhus Universitet", "uni"), ("Copenhagen Business School", "uni"),
    ("IT-Universitetet i København", "uni"), ("Aalborg Universitet", "uni"),
    ("Syddansk Universitet", "uni"), ("Region Hovedstaden", "public"),
    ("Københavns Kommune", "public"), ("Aarhus Kommune", "public"),
    ("Erhvervsstyrelsen", "public"), ("Digitaliseringsstyrelsen", "public"),
    ("Skatteministeriet", "public"), ("Dansk Industri", "public"),
    ("Novo Nordisk Fonden", "public"), ("Innovationsfonden", "public"),
    ("Self-employed", "self"), ("Freelance", "self"),
    ("Bang & Olufsen", "firm"), ("Salling Group", "firm"), ("ISS A/S", "firm"),
    ("Energinet", "public"), ("Spotify", "firm"), ("SAP", "firm"),
    ("Siemens Gamesa Renewable Energy", "firm"), ("Boston Consulting Group (BCG)", "consult"),
)
POSITIONS: dict[str, tuple[str, ...]] = {
    "firm": ("Senior Data Scientist", "Product Manager", "Head of Sales", "CFO",
             "Key Account Manager", "Software Engineer", "HR Business Partner",
             "Director, Strategy & Partnerships", "Marketing Manager", "Project Manager",
             "VP Engineering", "Business Controller", "UX Designer", "Legal Counsel",
             "Supply Chain Specialist", "Team Lead", "Chief Commercial Officer"),
    "consult": ("Senior Consultant", "Manager", "Partner", "Senior Manager",
                "Business Analyst", "Associate", "Principal, Public Sector"),
    "startup": ("Co-founder & CEO", "Founder", "Growth Lead", "Head of Product",
                "Full-stack Developer", "Customer Success Manager", "CTO"),
    "uni": ("Professor", "Associate Professor", "PhD Fellow", "Postdoc",
            "Head of Section", "Research Assistant", "Innovation Officer",
            "Lektor", "Adjunkt", "Student Assistant"),
    "public": ("Chefkonsulent", "Fuldmægtig", "Specialkonsulent", "Kontorchef",
               "Policy Advisor", "Head of Digital", "Analyst", "Direktør"),
    "self": ("Independent Consultant", "Board Member", "Advisor & Investor",
             "Coach | Speaker | Author", "Freelance Designer"),
}
#: What contacts offer and need (contacts.csv); shared so offers meet needs.
SKILLS = ("python", "hiring", "fundraising", "design", "legal", "sales leads",
          "mentoring", "public sector access", "data science", "marketing",
          "board experience", "EU funding", "press contacts", "procurement")
#: Skill names as LinkedIn endorsements show them.
LINKEDIN_SKILLS = ("Project Management", "Data Analysis", "Python (Programming Language)",
                   "Stakeholder Management", "Business Development", "Machine Learning",
                   "Leadership", "Strategy", "Public Speaking", "Change Management",
                   "Negotiation", "Networking", "Statistics", "Public Sector")
#: Free-text notes for the log by kind ("" = any other kind); some with commas.
NOTES: dict[str, tuple[str, ...]] = {
    "": ("", "", "", "", "", "coffee at Torvehallerne", "talked about the tender, follow up in May",
         "asked about open positions", "sent the slides", "good energy", "met at IDA event",
         "she asked for a reference", "shared contacts at DI", "needs a data person, think about who",
         "quick call", "gave feedback on the pitch deck", "discussed the EU proposal, deadline March",
         "walk and talk", "he offered to review my CV", "conference in Aarhus", "Teams call",
         "follow-up on last meeting", "drinks after work, fun", "lunch, long talk about AI"),
    "intro": ("", "both work on hiring, should talk", "intro by e-mail", "they met for coffee, went well",
              "intro re: EU bid, partner needed", "he asked for it"),
    "gift": ("", "Christmas card", "birthday", "wine for the help", "book: Thinking, Fast and Slow"),
    "meal": ("", "lunch, long talk about AI", "dinner at Höst", "breakfast meeting"),
    "referral": ("", "referred a client, signed!", "passed on a lead", "referred me for the job"),
    "help": ("", "helped with the budget, owe her one", "moved the furniture, pizza after",
             "reviewed the contract"),
    "advice": ("", "salary negotiation", "advice on the board role", "how to price the pilot"),
}
#: Messages (content) in the archive; some contain newlines.
MESSAGES = ("Thanks for today!", "Sounds good, see you then.",
            "Hi! Do you have time for a coffee next week?",
            "Great to meet you at the conference.\nLet's stay in touch.",
            "Here is the link I mentioned: https://example.org/report",
            "Congratulations on the new job!", "Tak for sidst!", "Ja, det passer fint.",
            "Could you introduce me to someone at Novo?",
            "I'll send you the details tomorrow.", "Happy to help, let me know.",
            "Sorry for the late reply, busy weeks.", "Can we move it to Thursday?",
            "Dear colleague,\n\nthank you for the nice meeting.\n\nBest regards",
            "👍", "Perfect, thanks", "Are you going to the TechBBQ this year?",
            "I saw your post about the reorganisation - how are things?",
            "Sure, call me at 14?", "Looking forward to it.")
OPENERS = ("Hi {first},", "Hej {first}!", "Dear {first},", "Hi {first} - quick question.")
INVITE_NOTES = ("", "", "", "", "", "Hi, great meeting you today!",
                "Hej, vi mødtes til konferencen i går.", "Would love to connect.")
STUDENT_INVITE = "Hi, I'm a student at DTU and interested in your work. Would love to connect!"
RECOMMENDATIONS = (
    "{first} is one of the most generous people I have worked with. Always ready to share contacts and ideas.",
    "I had the pleasure of working with {first} for three years. Sharp, structured, and great with stakeholders.",
    "{first} helped me through a difficult project, and I would hire {first} again any day.",
    "Rarely have I met someone who combines technical depth and people skills like {first}.",
    "{first} was my mentor during my first job, and taught me how to run a meeting, write a proposal, and say no.",
)
