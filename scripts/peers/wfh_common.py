"""What the peer scripts share: the files of a UKHLS download and the columns the by-wave job needs.

The job (the briefing's F1 by wave, all workers): the share of workers who work at home at all,
weighted by the cross-sectional weight, among person-waves with a stratum, a PSU and a positive
weight. A worker: jbhas = 1 or jboff = 1. Works at home at all: jbpl = 1, jspl = 1 or 2, or
jbwah = 1, 2 or 3 (jbwah is asked from wave 9). Negative codes are missing values: they satisfy no
condition. This is written from the briefing's definitions, not from ukpanel's code.
"""
import glob
import os
import sys

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def files(root):
    """(wave number, letter, path) of each {w}_indresp.tab(.gz) under root, in wave order."""
    found = []
    for path in glob.glob(os.path.join(root, "**", "*_indresp.tab*"), recursive=True):
        letter = os.path.basename(path)[0]
        found.append((LETTERS.index(letter) + 1, letter, path))
    return sorted(found)


def columns(number, letter, header):
    """The source columns of the job in wave `number` (those the file has)."""
    w = letter + "_"
    weight = w + ("inding2_xw" if number >= 14 else "indinui_xw")
    wanted = [w + "jbhas", w + "jboff", w + "jbpl", w + "jspl", w + "jbwah", w + "strata", w + "psu", weight]
    return [c for c in wanted if c in header], weight


def header(path):
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return f.readline().rstrip("\n").rstrip("\r").split("\t")


def report(shares):
    for number, share in shares:
        print(f"wave {number}\t{share:.12f}")
