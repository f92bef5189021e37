"""Write a deterministic synthetic corpus of news records for the benchmark.

Records are modelled on ``seeds/000_8ac51e9a64c34fd8.txt``: front matter with a title,
excerpt, dates, URLs, provider, topics, images and 0-180 related stories (most records have
a few, some many: ~10 KB on average), then a short Markdown body. A known share of records
(``--defects``, default 10 %) carries exactly one defect from :data:`DEFECTS`; the counts
are written to ``manifest.json`` beside the records. The same arguments always give the same
bytes.

    python bench/generate.py bench/out/corpus --count 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

__all__ = ["DEFECTS", "GENERATOR_VERSION", "generate", "record"]

#: Bumped whenever the records change, so bench/run.py regenerates stale corpora.
GENERATOR_VERSION = 2

PROVIDERS = [
    ("ZDNet", "zdnet.com", "https://www.zdnet.com"),
    ("SiliconRepublic", "siliconrepublic.com", "https://www.siliconrepublic.com"),
    ("TechCrunch", "techcrunch.com", "https://techcrunch.com"),
    ("The Verge", "theverge.com", "https://www.theverge.com"),
    ("SiliconANGLE", "siliconangle.com", "https://siliconangle.com"),
    ("On MSFT", "onmsft.com", "https://www.onmsft.com"),
    ("Windows Central", "windowscentral.com", "https://www.windowscentral.com"),
    ("India Times", "indiatimes.com", "https://timesofindia.indiatimes.com"),
]
WORDS = [
    "microsoft", "azure", "responsible", "ai", "facial", "recognition", "service",
    "customers", "access", "limits", "emotion", "detection", "cloud", "developers",
    "privacy", "security", "data", "centers", "workers", "power", "apps", "release",
    "wave", "video", "platform", "update", "feature", "preview", "general", "availability",
]  # fmt: skip
TOPICS = ["Microsoft AI", "AI", "Computer Vision", "Azure", "Power Apps", "Diablo IV", "Cloud"]

#: One defect per defective record: name -> what it does to the record's lines.
DEFECTS = (
    "insecure-url",  # http:// instead of https://
    "missing-timezone",  # 2022-06-22T08:27:00
    "unpublished",  # published: false
    "wrong-type",  # quality: "70"
    "missing-title",  # no title line
    "bad-url",  # no scheme
    "yes-no-flag",  # published: yes
    "yaml-syntax-error",  # an unclosed quote
)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _slug(rng: random.Random) -> str:
    return "-".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))


def _date(rng: random.Random, near: dt.datetime | None = None) -> str:
    """A date-time: random, or up to 3 days before ``near`` (related coverage)."""
    if near is None:
        moment = dt.datetime(2019, 1, 1) + dt.timedelta(minutes=rng.randint(0, 5 * 365 * 1440))
    else:
        moment = near - dt.timedelta(minutes=rng.randint(0, 3 * 1440))
    return moment.strftime("%Y-%m-%dT%H:%M:00Z")


def _related_count(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.15:
        return 0
    if roll < 0.97:
        return min(180, int(rng.expovariate(1 / 12)) + 1)
    return rng.randint(100, 180)  # the long tail: big clusters of coverage


def _image(rng: random.Random, base: str, indent: str) -> list[str]:
    return [
        f'{indent}- url: "{base}/wp-content/uploads/{rng.randint(2016, 2023)}/{_slug(rng)}.jpg"',
        f"{indent}  width: {(width := rng.randint(300, 4000))}",
        f"{indent}  height: {int(width * rng.uniform(0.4, 1.0))}",
        f"{indent}  isCached: true",
    ]


def record(rng: random.Random, defect: str | None = None) -> str:
    """One record's text (front matter and body)."""
    name, domain, base = rng.choice(PROVIDERS)
    slug = _slug(rng)
    published = _date(rng)
    when = dt.datetime.strptime(published, "%Y-%m-%dT%H:%M:00Z")
    url = f"{base}/article/{slug}/"
    lines = [
        "---",
        "category: news",
        f'title: "{_words(rng, 6, 12).capitalize()[:100]}"',
        f'excerpt: "{_words(rng, 20, 45)} ..."',
        f"publishedDateTime: {published}",
        f'originalUrl: "{url}"',
        f'webUrl: "{url}"',
        "type: article",
        f"quality: {(quality := rng.randint(10, 110))}",
        f"heat: {quality + rng.randint(0, 60)}",
        "published: true",
        "",
        "provider:",
        f"  name: {name}",
        f"  domain: {domain}",
        "",
        "topics:",
        *(f"  - {t}" for t in rng.sample(TOPICS, rng.randint(1, 3))),
        "",
        "images:",
        *_image(rng, base, "  "),
    ]
    count = _related_count(rng)
    if count:
        lines += ["", "related:"]
    qualities = sorted((rng.randint(10, 110) for _ in range(count)), reverse=True)
    for quality in qualities:
        other, other_domain, other_base = rng.choice(PROVIDERS)
        other_slug = _slug(rng)
        lines += [
            f'  - title: "{_words(rng, 6, 14).capitalize()}"',
            f'    excerpt: "{_words(rng, 15, 40)}"',
            f"    publishedDateTime: {_date(rng, when)}",
            f'    webUrl: "{other_base}/article/{other_slug}/"',
        ]
        if rng.random() < 0.3:
            amp = f"{other_base}/google-amp/article/{other_slug}/"
            host = other_base.split("//", 1)[1].replace(".", "-")
            cdn = f"https://{host}.cdn.ampproject.org/c/s/{amp.split('//', 1)[1]}"
            lines += [f'    ampWebUrl: "{amp}"', f'    cdnAmpWebUrl: "{cdn}"']
        lines += [
            "    type: article",
            "    provider:",
            f"      name: {other}",
            f"      domain: {other_domain}",
            f"    quality: {quality}",
        ]
        if rng.random() < 0.6:
            lines += ["    images:", *_image(rng, other_base, "      ")]
    lines += ["---", "", _words(rng, 30, 80), ""]
    if defect is not None:
        _apply(lines, defect)
    return "\n".join(lines)


def _apply(lines: list[str], defect: str) -> None:
    def swap(prefix: str, new: str) -> None:
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        lines[index] = new

    web = next(line for line in lines if line.startswith("webUrl: "))
    if defect == "insecure-url":
        swap("webUrl: ", web.replace("https://", "http://"))
    elif defect == "missing-timezone":
        date = next(line for line in lines if line.startswith("publishedDateTime: "))
        swap("publishedDateTime: ", date.rstrip("Z"))
    elif defect == "unpublished":
        swap("published: ", "published: false")
    elif defect == "wrong-type":
        swap("quality: ", 'quality: "70"')
    elif defect == "missing-title":
        lines.remove(next(line for line in lines if line.startswith("title: ")))
    elif defect == "bad-url":
        swap("webUrl: ", web.replace("https://", ""))
    elif defect == "yes-no-flag":
        swap("published: ", "published: yes")
    elif defect == "yaml-syntax-error":
        swap("excerpt: ", 'excerpt: "an excerpt that never ends')
    else:  # pragma: no cover - DEFECTS lists them all
        raise ValueError(defect)


def generate(out: Path, count: int, *, seed: int = 0, defect_share: float = 0.1) -> Counter[str]:
    """Write ``count`` records into ``out`` (cleared of earlier records); returns the
    defect counts (also written to ``out/manifest.json``)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    rng = random.Random(seed)
    defects: Counter[str] = Counter()
    for index in range(count):
        defect = rng.choice(DEFECTS) if rng.random() < defect_share else None
        if defect is not None:
            defects[defect] += 1
        text = record(rng, defect)
        (out / f"{index:06}.md").write_text(text, encoding="utf-8")
    manifest = {
        "count": count,
        "seed": seed,
        "defect_share": defect_share,
        "defects": defects,
        "generator": GENERATOR_VERSION,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return defects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the records into")
    parser.add_argument("--count", type=int, default=2000, help="number of records")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--defects", type=float, default=0.1, help="share of defective records")
    args = parser.parse_args()
    defects = generate(args.out, args.count, seed=args.seed, defect_share=args.defects)
    print(f"wrote {args.count} records to {args.out} ({sum(defects.values())} with a defect)")


if __name__ == "__main__":
    main()
