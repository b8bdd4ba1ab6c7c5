"""The LinkedIn archive ("Get a copy of your data"): its files, read and written.

* :mod:`~netanalysis.io.linkedin.archive`: the whole archive read, and
  ``Profile.csv`` (the owner);
* :mod:`~netanalysis.io.linkedin.members`: its files, found in a folder or zip;
* :mod:`~netanalysis.io.linkedin.messages`: ``messages.csv``;
* :mod:`~netanalysis.io.linkedin.evidence`: ``Invitations.csv``, the
  endorsement and the recommendation files;
* :mod:`~netanalysis.io.linkedin.formats`: how LinkedIn writes them (headers,
  the ``Connections.csv`` preamble, date and time formats), shared by the
  readers, the sample generator and the anonymiser.
"""
