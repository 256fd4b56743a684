#!/usr/bin/env bash
# Installs the system packages Disclosure needs (Debian/Ubuntu: poppler, cairo, OpenSSL, Little CMS, zlib, SQLite, Tesseract) and builds it
# in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists poppler-glib cairo libcrypto lcms2 zlib sqlite3 tesseract 2>/dev/null || [ ! -d /usr/share/poppler ] || ! command -v pdftotext >/dev/null \
  || ! ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    libpoppler-glib-dev libcairo2-dev poppler-data poppler-utils pkg-config libssl-dev liblcms2-dev zlib1g-dev libsqlite3-dev \
    libtesseract-dev tesseract-ocr-chi-sim
fi
swift build -c release --static-swift-stdlib --product disclosure
