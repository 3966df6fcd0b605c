#!/usr/bin/env python3
"""Generates src/main/resources/model/imagenet-categories.txt: one coarse category for each ImageNet class.

ImageNet ids are WordNet 3.0 noun offsets (n01440764 is noun synset 01440764), so each class's category is read from
its WordNet hypernyms (@ and @i pointers, all paths up to 'entity'): the first rule below whose anchor synset is the
class itself or one of its ancestors gives the category; a class that matches none is 'other'. The rules go from
specific to general (dog before mammal, car before vehicle, vehicle before container: WordNet files a wheeled
vehicle under container too).

Source: WordNet 3.0, Princeton University, https://wordnet.princeton.edu, as packaged by Debian's wordnet-base
(/usr/share/wordnet/data.noun). Licence: the WordNet 3.0 licence, a permissive BSD-style licence that allows use,
copying, modification and distribution with its copyright notice
(https://wordnet.princeton.edu/license-and-commercial-use). Only the derived class-to-category table is committed,
so building the function never needs WordNet.

Usage (python3, standard library only):
    apt-get install -y wordnet-base
    infra/labels/make-categories.py            # rewrites the resource and prints the count of each category
    infra/labels/make-categories.py --check    # fails if the committed resource differs from a fresh generation
"""

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SYNSETS = ROOT / "src/main/resources/model/imagenet-synsets.txt"
CATEGORIES = ROOT / "src/main/resources/model/imagenet-categories.txt"
DATA_NOUN = pathlib.Path("/usr/share/wordnet/data.noun")

# (anchor synset offset, its first lemma as a check that this is WordNet 3.0, category); first match wins.
RULES = [
    ("02084071", "dog", "dog"),
    ("02121808", "domestic_cat", "cat"),
    ("02120997", "feline", "wild-cat"),
    ("02469914", "primate", "primate"),
    ("01861778", "mammal", "mammal"),
    ("01503061", "bird", "bird"),
    ("02512053", "fish", "fish"),
    ("01627424", "amphibian", "amphibian"),
    ("01661091", "reptile", "reptile"),
    ("02159955", "insect", "insect"),
    ("01769347", "arachnid", "arachnid"),
    ("01905661", "invertebrate", "invertebrate"),
    ("00007846", "person", "person"),
    ("12992868", "fungus", "fungus"),
    ("07557434", "dish", "food"),
    ("07707451", "vegetable", "vegetable"),
    ("07705931", "edible_fruit", "fruit"),
    ("07881800", "beverage", "food"),
    ("00021265", "food", "food"),
    ("07555863", "food", "food"),
    ("13134947", "fruit", "plant"),
    ("00017222", "plant", "plant"),
    ("09287968", "geological_formation", "landscape"),
    ("04530566", "vessel", "boat"),
    ("02686568", "aircraft", "aircraft"),
    ("02958343", "car", "car"),
    ("04490091", "truck", "truck"),
    ("04524313", "vehicle", "vehicle"),
    ("04019101", "public_transport", "vehicle"),
    ("03051540", "clothing", "clothing"),
    ("03380867", "footwear", "clothing"),
    ("02739668", "armor", "clothing"),
    ("02740764", "armor_plate", "clothing"),
    ("03725035", "mask", "clothing"),
    ("03597469", "jewelry", "clothing"),
    ("04447443", "toiletry", "cosmetic"),
    ("03932670", "piece_of_cloth", "textile"),
    ("03309808", "fabric", "textile"),
    ("02820210", "bedclothes", "textile"),
    ("03366823", "floor_cover", "textile"),
    ("03151077", "curtain", "textile"),
    ("02851099", "blind", "textile"),
    ("04105068", "roof", "structure"),
    ("03405725", "furniture", "furniture"),
    ("03800933", "musical_instrument", "musical-instrument"),
    ("04285146", "sports_equipment", "sports-equipment"),
    ("03414162", "game_equipment", "sports-equipment"),
    ("04285622", "sports_implement", "sports-equipment"),
    ("04565375", "weapon", "weapon"),
    ("04608567", "writing_implement", "stationery"),
    ("03294833", "eraser", "stationery"),
    ("04185071", "sharpener", "stationery"),
    ("03278248", "electronic_equipment", "electronics"),
    ("03082979", "computer", "electronics"),
    ("03926148", "photographic_equipment", "electronics"),
    ("03077958", "communication_system", "electronics"),
    ("03078287", "communication_system", "electronics"),
    ("04400289", "telecommunication_system", "electronics"),
    ("02729837", "appliance", "appliance"),
    ("04451818", "tool", "tool"),
    ("04516672", "utensil", "kitchenware"),
    ("04381994", "tableware", "kitchenware"),
    ("04341686", "structure", "structure"),
    ("03094503", "container", "container"),
    ("03183080", "device", "device"),
]

# Classes whose WordNet sense is not what ImageNet's pictures show.
OVERRIDES = {
    "n03045698": "clothing",  # 'cloak': WordNet's sense is "anything that covers or conceals"; the photos are cloaks
}

FALLBACK = "other"


def read_wordnet(path):
    """Noun synsets: offset -> (lemmas, hypernym offsets)."""
    synsets = {}
    with open(path, encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" ")
            offset, word_count = fields[0], int(fields[3], 16)
            lemmas = [fields[4 + 2 * i] for i in range(word_count)]
            at = 4 + 2 * word_count
            pointer_count = int(fields[at])
            hypernyms = []
            for p in range(pointer_count):
                symbol, target, pos = fields[at + 1 + 4 * p: at + 4 + 4 * p]
                if symbol in ("@", "@i") and pos == "n":
                    hypernyms.append(target)
            synsets[offset] = (lemmas, hypernyms)
    return synsets


def ancestors(synsets, offset):
    seen, todo = set(), [offset]
    while todo:
        for parent in synsets[todo.pop()][1]:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def categorise(synsets, wnids):
    for offset, lemma, _ in RULES:
        if offset not in synsets or synsets[offset][0][0] != lemma:
            sys.exit(f"{DATA_NOUN}: synset {offset} is not '{lemma}': is this WordNet 3.0?")
    categories = {}
    for wnid in wnids:
        offset = wnid[1:]
        if offset not in synsets:
            sys.exit(f"{wnid} is not a WordNet 3.0 noun synset")
        lineage = ancestors(synsets, offset) | {offset}
        matched = next((category for anchor, _, category in RULES if anchor in lineage), FALLBACK)
        categories[wnid] = OVERRIDES.get(wnid, matched)
    return categories


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    parser.add_argument("--wordnet", type=pathlib.Path, default=DATA_NOUN, help="WordNet 3.0 data.noun")
    args = parser.parse_args()
    if not args.wordnet.exists():
        sys.exit(f"{args.wordnet} not found: apt-get install -y wordnet-base (WordNet 3.0)")
    wnids = [line.split()[0] for line in SYNSETS.read_text().splitlines() if line.strip()]
    categories = categorise(read_wordnet(args.wordnet), wnids)
    text = ("# One coarse category per ImageNet class: wnid category. Generated by infra/labels/make-categories.py\n"
            "# from WordNet 3.0 (Princeton University, WordNet 3.0 licence); do not edit by hand.\n"
            + "".join(f"{wnid} {categories[wnid]}\n" for wnid in wnids))
    if args.check:
        if CATEGORIES.read_text() != text:
            sys.exit(f"{CATEGORIES} differs from a fresh generation: run {sys.argv[0]}")
        print(f"{CATEGORIES.name} is up to date")
    else:
        CATEGORIES.write_text(text)
    for category, count in collections.Counter(categories.values()).most_common():
        print(f"{count:4d} {category}")


if __name__ == "__main__":
    main()
