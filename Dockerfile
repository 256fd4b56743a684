# The disclosure command in a container (see docs/deploy.md). Not built in the repository's CI:
# its machine has no container engine.
#
#   docker build -t disclosure .
#   docker run --rm -v "$PWD:/data" disclosure ingest /data/pdfs --out /data/out
#
# Build stage: Swift on Debian 12 with the -dev packages of the system libraries.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpoppler-glib-dev libcairo2-dev libsqlite3-dev libssl-dev poppler-data libtesseract-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY . .
# The default pipeline, templates and check rules are built into the binary (pipelines/ at build
# time), so the binary is all the image needs besides the shared libraries.
RUN swift build -c release --static-swift-stdlib --product disclosure \
 && install -D "$(swift build -c release --show-bin-path)/disclosure" /out/disclosure

# Run stage: the runtime libraries only.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpoppler-glib8 libcairo2 libsqlite3-0 libssl3 poppler-data libtesseract5 tesseract-ocr-chi-sim libxml2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/disclosure /usr/local/bin/disclosure
# Workers re-execute /proc/self/exe; no writable home or data folder is needed.
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/disclosure"]
CMD ["--help"]
