"""Official correspondence (Decree 30/2020/NĐ-CP, domain.md §3): the rules.

- ``doctypes``: the 29 document types of Art. 7, read from a data file;
- ``marks``: urgency and confidentiality, ordered;
- ``notation``: number and notation (``Số: 05/QĐ-UBND``), formatting and parsing;
- ``registers``: which series a number comes from, the year of a number, the
  next number, and what must be unique in a year.

The persistent counters that hand out numbers live in the Plone wing; they
apply ``registers.next_number`` to the series key given here.
"""
