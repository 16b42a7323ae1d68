"""Moves: what the tutor does once a rule has fired. A move acts on the turn (state, replies, writes)
and never chooses another move: the rules table (:mod:`tutor.dialogue.rules`) does all the routing."""
