#!/usr/bin/env python3
"""Makes an image-only "scanned" copy of a PDF, the way the public corpus's scan-0103.pdf was made
from gen-0103.pdf: each page rendered at 200 dpi in grey (pdftoppm), turned by up to 0.8 degree,
blurred, speckled, and stored as a JPEG page image of the original page's size. The copy has no
text layer, so `disclosure ingest` reads it through OCR; the original's truth file is the copy's.

usage: scripts/make-scan.py IN.pdf OUT.pdf [--seed N] [--pages FIRST-LAST] [--angle DEGREES]
Needs pdftoppm (poppler-utils) and Pillow (`python3 -m venv .build/scan-venv &&
.build/scan-venv/bin/pip install pillow`, then run this script with that venv's python).
"""
import argparse, os, random, subprocess, sys, tempfile

from PIL import Image, ImageFilter


def scanned(page, rng, angle=None):
    if angle is None:
        angle = rng.uniform(-0.8, 0.8)
    print(f"turned {angle:+.2f} degrees", file=sys.stderr)
    image = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.5, 0.8)))
    pixels = image.load()
    width, height = image.size
    # Speckle: small dark and light dots, as a photocopier leaves them.
    for _ in range(width * height // 4000):
        x, y = rng.randrange(width), rng.randrange(height)
        value = rng.choice((0, 60, 255))
        for dx in range(rng.choice((1, 1, 2))):
            for dy in range(rng.choice((1, 1, 2))):
                if x + dx < width and y + dy < height:
                    pixels[x + dx, y + dy] = value
    return image


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=103)
    parser.add_argument("--pages", default=None, help="FIRST-LAST (default: all)")
    parser.add_argument("--angle", type=float, default=None, help="turn every page by this many degrees (default: at random, up to 0.8)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        command = ["pdftoppm", "-gray", "-r", "200"]
        if args.pages:
            first, last = args.pages.split("-")
            command += ["-f", first, "-l", last]
        subprocess.run(command + [args.source, os.path.join(folder, "p")], check=True)
        names = sorted(n for n in os.listdir(folder) if n.endswith(".pgm"))
        pages = [scanned(Image.open(os.path.join(folder, n)).convert("L"), rng, args.angle) for n in names]
    pages[0].save(args.output, save_all=True, append_images=pages[1:], resolution=200.0, quality=75)


if __name__ == "__main__":
    main()
