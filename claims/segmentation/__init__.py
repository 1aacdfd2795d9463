"""Claim segmentation: split an article's text into sentences and page furniture, and score them.

Pure Python (standard library only, no Django), deterministic, no network and no model files::

    from claims.segmentation import segment, SEGMENTER_VERSION, Segment

    for s in segment(text):          # list[Segment], in text order
        s.start, s.end               # character offsets: text[s.start:s.end] == s.text
        s.text                       # never has leading or trailing whitespace
        s.kind                       # one of KINDS: "sentence", "headline", "byline", "credit", ...
        s.is_boilerplate             # True for page furniture (BOILERPLATE_KINDS): never a claim
        s.checkworthiness            # float in [0, 1]; 0.0 for boilerplate
        s.reasons                    # short human-readable strings: "number", "date", "opinion", ...
        s.claim_type                 # one of CLAIM_TYPES; "not_a_claim" for boilerplate
        s.claimant                   # who the text says made the claim ("according to X"), or ""

Segments never overlap and together cover every non-whitespace character of the input, so no
claim text is lost to furniture. Empty or whitespace-only text gives ``[]``. Furniture must look
like furniture: whatever reads as a statement stays a claim candidate, scored low if weak.

What it handles:

* Sentence boundaries: abbreviations and titles ("Gen.", "U.S.", "a.m.", "No. 10"), initials,
  numbers and money, quotations ending inside quotation marks, parentheses, inline lists,
  ellipses, reference marks ("in 1805. [6]"), URLs and e-mail addresses, a sentence glued to the
  next ("in 2023.The army"), and chat text whose sentences start in lower case ("sounds good. see
  you then").
* Scraped-page furniture: bylines, publication-date lines (also opening a line of text, as in
  "17 September, 2024 Flags of…"), photo captions and credits (also when the scraper glued a
  credit to the next paragraph, as in "Photo: US Air ForceRussian instructors arrived", or left
  only a space), galleries of captions between paragraphs, advertisement markers, "Read also:"
  links and newsletter prompts. Headlines and subheadings are claim candidates, with their kind.
* Check-worthiness: an explainable score of named signals; see ``scoring``. Claimant suggestions:
  see ``claimant``.

``KINDS`` and ``CLAIM_TYPES`` are the closed vocabularies (tuples, usable as model choices);
``CLAIM_KINDS`` are sentence, headline and subheading; ``BOILERPLATE_KINDS`` every other kind.
``SEGMENTER_VERSION`` changes whenever the
output for some input changes, so stored claims can say which engine produced them (a test in
claims/tests/test_segmentation_version.py fails until it does).
"""

from .engine import segment
from .types import BOILERPLATE_KINDS, CLAIM_KINDS, CLAIM_TYPES, KINDS, Segment

SEGMENTER_VERSION = "2.2.0"

__all__ = ["BOILERPLATE_KINDS", "CLAIM_KINDS", "CLAIM_TYPES", "KINDS", "SEGMENTER_VERSION", "Segment", "segment"]
