"""SEGMENTER_VERSION changes whenever the output changes: stored claims say which engine made them."""

import hashlib
import json
from pathlib import Path

from claims.segmentation import SEGMENTER_VERSION, segment

ARTICLES = Path(__file__).resolve().parents[2] / "seeds" / "articles"
SEED_FILES = ("us-troops-niger.txt", "us-troops-leave-niger.txt")

# Inputs that exercise every rule family; their output is fingerprinted below.
SAMPLES = [
    "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
    "I live in the U.S. How about you? I work for the U.S. Government in Virginia.",
    "It was substituted.  If a parameter is missing.  the rest follows. U.S.  How? Mr.\tSmith left.",
    "1.) The first item 2.) The second item",
    "• 9. The first item • 10. The second item",
    'She turned to him, "This is great." She held the book out to show him.',
    "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting "
    "compounds. . . . The practice was not abandoned. . . .",
    "Her email is Jane.Doe@example.com. The site is: https://www.example.50.com/new-site/awesome_content.html. Go.",
    "NIAMEY, Niger, Aug. 5 (AP) - Gen. Tiani met Sen. Risch at 10 a.m. The junta took power in 2023.The army left.",
    "The key rate rose to 5.25%.The central bank said inflation had eased. © Reuters",
    "Troops leave Niger\nBy Jane Smith\nPublished: August 5, 2024 6:42 p.m. EDT\nThe base cost $110 million.",
    "Soldiers at the base. Photo: Getty ImagesThe army left on Monday.\nADVERTISEMENT\nRead also: A link\n"
    "Subscribe to our newsletter.",
    "I think it is the best decision. Will it last? We will stay! The law bans bases. The drought caused hunger.",
    "Talks collapse\nMonday, 3 June, 2024 Soldiers at the gate. Photo credits: Jane Doe/AP The army left the base.\n"
    "Troops at dawn Image: Wire Agency.\nThe base closed in 1999. [4] [5] It reopened in the U.S. (as a museum).",
    'sounds good. see you then\nok\nthe report said. . . ." This was new.',
    "Net income: $65 million; or $1.49 a share\nA later fact, according to the ministry.\n"
    "Jane Roe of the Harbour Party\nJohn Doe of the Hill Party\nPrices rose 5%, the office said.",
]

# The version and the output it produces for the samples. A change that alters any output must bump
# SEGMENTER_VERSION (claims/segmentation/__init__.py) and record both here; the failure message says how.
RECORDED = ("2.2.0", "a1616dc5a0c19ee5918bab3d84db3d53cc967a6c18ab3fe4d642e24ca83a85e8")


def _fingerprint() -> str:
    texts = [*SAMPLES, *((ARTICLES / name).read_text(encoding="utf-8") for name in SEED_FILES)]
    output = [
        [
            [s.start, s.end, s.kind, s.is_boilerplate, s.checkworthiness, list(s.reasons), s.claim_type, s.claimant]
            for s in segment(t)
        ]
        for t in texts
    ]
    return hashlib.sha256(json.dumps(output, sort_keys=True).encode()).hexdigest()


def test_output_changes_only_with_a_new_version():
    fingerprint = _fingerprint()

    recorded_version, recorded_fingerprint = RECORDED
    if fingerprint != recorded_fingerprint:
        assert recorded_version != SEGMENTER_VERSION, (
            f"segment() output changed: bump SEGMENTER_VERSION (now {SEGMENTER_VERSION}) and record it here"
        )
    assert (SEGMENTER_VERSION, fingerprint) == RECORDED, (
        f'record the new version and its output: RECORDED = ("{SEGMENTER_VERSION}", "{fingerprint}")'
    )
