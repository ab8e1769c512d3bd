# gereport — build, set-up, tests and benchmarks.
#   make demo    install what is missing (as root), build, render the sample
#   make check   the same set-up, then every test
#   make bench   figures (time, memory, size); never asserts
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = libxml-2.0 libxslt harfbuzz harfbuzz-subset icu-uc fontconfig freetype2 libdeflate libqpdf
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wno-unused-parameter \
           -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes
DEB_PKGS = build-essential pkg-config libhpdf-dev libxml2-dev libxslt1-dev \
           libharfbuzz-dev libfreetype-dev libfontconfig1-dev libicu-dev libdeflate-dev \
           libpng-dev libjpeg62-turbo-dev libqpdf-dev fonts-cns11643-kai fonts-cns11643-sung fonts-liberation2 \
           poppler-utils qpdf icc-profiles-free default-jre-headless valgrind \
           libxml2-utils xsltproc \
           libpdfbox2-java libactivation-java libjaxb-api-java

SRCS    := $(sort $(wildcard generator/*/*.c))
OBJS    := $(SRCS:%.c=build/%.o)
LIBOBJS := $(filter-out build/generator/cli/%,$(OBJS))
BIN     := build/gereport
UNITS   := $(patsubst tests/unit/%.c,build/unit/%,$(sort $(wildcard tests/unit/*.c)))

.PHONY: all demo check bench install clean deps units FORCE
all: $(BIN)

# The commit the program is built from (util/version.c): the full hash,
# "-dirty" when tracked files differ from it, "unknown" outside git. The
# header is rewritten only when that changes, so version.o is rebuilt then.
GR_COMMIT := $(shell c=$$(git rev-parse HEAD 2>/dev/null) && \
	{ git diff --quiet HEAD -- 2>/dev/null && echo "$$c" || echo "$$c-dirty"; } || echo unknown)
build/gen/gr_commit.h: FORCE
	@mkdir -p $(dir $@)
	@line='#define GR_COMMIT "$(GR_COMMIT)"'; \
	[ "$$(cat $@ 2>/dev/null)" = "$$line" ] || echo "$$line" > $@
build/generator/util/version.o: build/gen/gr_commit.h
units: $(UNITS)

build/unit/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags $(PKGS)) -Igenerator -o $@ $< $(LIBOBJS) $$(pkg-config --libs $(PKGS)) -lhpdf -licuuc -lpng -ljpeg -lm

build/%.o: %.c $(wildcard generator/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags $(PKGS)) -Ibuild/gen -DGR_DATADIR='"$(PREFIX)/share/gereport"' -c $< -o $@

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $$(pkg-config --libs $(PKGS)) -lhpdf -licuuc -lpng -ljpeg -lm

# Install every missing Debian package (as root), or say the one line to run.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: missing packages; run as root:"; \
	  echo "  apt-get install -y$$missing"; exit 2; fi

demo: deps
	$(MAKE) all
	$(BIN) build data/taipei/112/results.xml -o build/sample-report.pdf
	$(BIN) render tests/fo/sample.fo -o build/sample.pdf
	@echo "demo: wrote build/sample-report.pdf (the sample agency's 112 report) and build/sample.pdf"

check: deps
	$(MAKE) all units
	tests/run.sh

# Apache FOP (the yardstick) and GNU time only for make bench, not check.
BENCH_PKGS = fop time
bench: deps
	@missing=""; for p in $(BENCH_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then \
	  echo "bench: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	elif [ -n "$$missing" ]; then echo "bench: missing$$missing (as root: apt-get install -y$$missing)"; fi
	$(MAKE) all
	tests/bench.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gereport/fonts
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/gereport
	install -m 644 fonts/*.conf $(DESTDIR)$(PREFIX)/share/gereport/fonts/
	cp -r templates $(DESTDIR)$(PREFIX)/share/gereport/

clean:
	rm -rf build
