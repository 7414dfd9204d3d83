"""Step 2, checking: the rules across records and files, load_catalogue, and the validate command.

rules.py holds every rule that one record alone cannot show (references, ids, dates, places);
load.py joins loading and rules into load_catalogue, the one way every command gets the data.
May import data/ only.
"""
