"""Blind batch: the parser and reasoner on RISBench train-split phrasing they were not developed on (issue 21).

    .venv/bin/python bench/parser_blind.py --rows /path/to/blind_rows.jsonl

Selection (fixed before any row was read): every complete row of the three 16 kB pages of KyanChen/RSRefSeg2
datainfo/risbench_train.jsonl at the offsets random.Random(21).sample(grid, 3) picks, where grid = the multiples
of 16000 below 12,114,612 that are at least 16 kB from every page read for development before
(0, 0.5M, 1M, 2M, 2.5M, 3M, 4M, 5M, 6.5M, 7.3M, 8M, 9M, 10M, 11.5M): 2,816,000, 7,088,000 and 11,664,000.
(The page at 6.0M was read for development after this draw; it is far from all three.)
The rows stay outside the repository (--rows: one JSON object per row, the file's own fields); only their
labels are here (bench/parser_blind_labels.tsv, by image_id).

Labelling rule (stated and the labels written before the parser or reasoner ran on any of these rows):
- position: where the sentence puts the object, as one of the parser's 13 regions (top/upper/north → top,
  bottom/lower/south → bottom, left/west, right/east, center/middle/central alone → center, an edge's middle
  e.g. 'middle-right'); also when said inside another object ('the upper part of the dock' → top); empty when
  the sentence names no place. Scored: the parser's position equals the label (rows with a label).
- frame: the object whose part the position names ('… part/side/corner/end of the X', '… within the X');
  scored as the frame's head noun (rows with a frame label).
- relation + landmark: the most specific spatial relation to another object, as in
  tests/data/risbench_train_expressions.tsv ('on'/'inside' only when there is no other), and the landmark's head
  noun; with a frame label the relation is empty unless another relation is said. Scored: both equal.
- superlative, target: as in that table.
Reasoner top-1: every image of the rows with two or more referred objects of one labelled target whose label has
a position, superlative or ordinal; candidates = those objects' true masks with equal activation (as
bench/reasoning.py); top-1 = the object the sentence was written for; chance = mean 1/candidates.
"""
