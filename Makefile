# gereport — build, set-up, tests and benchmarks.
#   make demo    install what is missing (as root), build, render the sample
#   make check   the same set-up, then every test
#   make bench   figures (time, memory, size); never asserts
#   make san     the program, unit tests and fuzz targets built with clang's
#                AddressSanitizer + UndefinedBehaviorSanitizer (build/gereport-san,
#                build/san/unit, build/fuzz/); make check runs them (tests/t-sanitizers.sh)
#   make fuzz    run each libFuzzer target FUZZ_TIME seconds (default 120)
#                from tests/fuzz/corpus; prints executions/s and coverage
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = libxml-2.0 libxslt harfbuzz harfbuzz-subset icu-uc fontconfig freetype2 libdeflate libqpdf \
           libmicrohttpd
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wno-unused-parameter \
           -Wshadow -Wformat=2 -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes
DEB_PKGS = build-essential pkg-config libhpdf-dev libxml2-dev libxslt1-dev \
           libharfbuzz-dev libfreetype-dev libfontconfig1-dev libicu-dev libdeflate-dev \
           libpng-dev libjpeg62-turbo-dev libqpdf-dev fonts-cns11643-kai fonts-cns11643-sung fonts-liberation2 \
           poppler-utils qpdf icc-profiles-free default-jre-headless valgrind \
           libxml2-utils xsltproc man-db groff-base perl \
           libpdfbox2-java libactivation-java libjaxb-api-java \
           clang libclang-rt-14-dev libmicrohttpd-dev
# Only for make check (not make demo): the browser tests of `gereport edit`
# drive Debian's Chromium headless through Selenium (tests/t-edit-browser.sh,
# t-serve-browser.sh).
CHECK_PKGS = chromium chromium-driver python3 python3-selenium

# every program links these (plain, sanitizer and fuzz builds alike);
# libqpdf, libmicrohttpd, libxslt and libjpeg are not linked but opened on
# first use by what needs them (generator/report/qpdf_dl.c when a PDF is
# read, generator/web/mhd_dl.c by edit and serve, generator/domain/
# xslt_dl.c when a template is applied, generator/graphics/jpeg_dl.c when a
# photo is decoded: their sonames are compiled in), so that the other runs
# do not load them and what they pull in (libstdc++'s and GnuTLS's
# start-up; every library's loading and page faults). docs/architecture.md,
# "Libraries".
DL_PKGS   = libqpdf libmicrohttpd libxslt
LIBS_LINK = $$(pkg-config --libs $(filter-out $(DL_PKGS),$(PKGS))) -lhpdf -licuuc -lpng -lm
soname_of = $(shell objdump -p "$$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(1).so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
QPDF_SONAME := $(call soname_of,libqpdf)
MHD_SONAME  := $(call soname_of,libmicrohttpd)
XSLT_SONAME := $(call soname_of,libxslt)
JPEG_SONAME := $(call soname_of,libjpeg)
DL_DEFS = $(if $(QPDF_SONAME),-DGR_QPDF_SONAME='"$(QPDF_SONAME)"') $(if $(MHD_SONAME),-DGR_MHD_SONAME='"$(MHD_SONAME)"') \
          $(if $(XSLT_SONAME),-DGR_XSLT_SONAME='"$(XSLT_SONAME)"') $(if $(JPEG_SONAME),-DGR_JPEG_SONAME='"$(JPEG_SONAME)"')
SRCS    := $(sort $(wildcard generator/*/*.c))
OBJS    := $(SRCS:%.c=build/%.o)
LIBOBJS := $(filter-out build/generator/cli/%,$(OBJS))
BIN     := build/gereport
UNITS   := $(patsubst tests/unit/%.c,build/unit/%,$(sort $(wildcard tests/unit/*.c)))

.PHONY: all demo check bench install uninstall clean deps check-deps install-pkgs units san fuzz FORCE
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
build/generator/util/version.o build/san/generator/util/version.o: build/gen/gr_commit.h
units: $(UNITS)

build/unit/%: tests/unit/%.c tests/unit/unit.h $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags $(PKGS)) -Igenerator -o $@ $< $(LIBOBJS) $(LIBS_LINK)

build/%.o: %.c $(wildcard generator/*/*.h generator/*/*.def)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags $(PKGS)) -Ibuild/gen -DGR_DATADIR='"$(PREFIX)/share/gereport"' $(DL_DEFS) -c $< -o $@

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LIBS_LINK)

# ---- sanitizers and fuzzing (clang: libFuzzer and its runtimes are in
# libclang-rt-14-dev). One set of objects, instrumented for ASan + UBSan and
# for libFuzzer's coverage, serves the program, the unit tests and the
# fuzz targets.
SANCC    ?= clang
SANFLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
            -fno-sanitize-recover=undefined
SAN_OBJS    := $(SRCS:%.c=build/san/%.o)
SAN_LIBOBJS := $(filter-out build/san/generator/cli/%,$(SAN_OBJS))
SAN_UNITS   := $(patsubst tests/unit/%.c,build/san/unit/%,$(sort $(wildcard tests/unit/*.c)))
FUZZERS     := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_TIME   ?= 120

build/san/%.o: %.c $(wildcard generator/*/*.h generator/*/*.def)
	@mkdir -p $(dir $@)
	$(SANCC) $(WARN) $(SANFLAGS) -fsanitize=fuzzer-no-link $$(pkg-config --cflags $(PKGS)) -Ibuild/gen -DGR_DATADIR='"$(PREFIX)/share/gereport"' $(DL_DEFS) -c $< -o $@

build/gereport-san: $(SAN_OBJS)
	$(SANCC) $(SANFLAGS) -o $@ $(SAN_OBJS) $(LIBS_LINK)

build/san/unit/%: tests/unit/%.c tests/unit/unit.h $(SAN_LIBOBJS)
	@mkdir -p $(dir $@)
	$(SANCC) $(WARN) $(SANFLAGS) $$(pkg-config --cflags $(PKGS)) -Igenerator -o $@ $< $(SAN_LIBOBJS) $(LIBS_LINK)

build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(SAN_LIBOBJS)
	@mkdir -p $(dir $@)
	$(SANCC) $(WARN) -Wno-missing-prototypes $(SANFLAGS) -fsanitize=fuzzer $$(pkg-config --cflags $(PKGS)) -Igenerator -DGR_FUZZ_ROOT='"$(CURDIR)"' -o $@ $< $(SAN_LIBOBJS) $(LIBS_LINK)

san: build/gereport-san $(SAN_UNITS) $(FUZZERS)

# Each target FUZZ_TIME seconds on a copy of its committed corpus (new inputs
# stay under build/fuzz; a crash is saved as build/fuzz/artifacts/NAME-*:
# copy it into tests/fuzz/corpus/NAME/ once fixed, so make check replays it).
fuzz: deps
	$(MAKE) san
	@mkdir -p build/fuzz/artifacts build/fuzz/tmp; status=0; \
	for f in $(FUZZERS); do n=$${f#build/fuzz/fuzz_}; \
	  rm -rf build/fuzz/work-$$n; mkdir -p build/fuzz/work-$$n; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp TMPDIR=$(CURDIR)/build/fuzz/tmp \
	    $$f -max_total_time=$(FUZZ_TIME) -timeout=20 -rss_limit_mb=3072 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/$$n- \
	    build/fuzz/work-$$n tests/fuzz/corpus/$$n > build/fuzz/$$n.log 2>&1 || status=1; \
	  line=$$(grep -E '#[0-9]+ +DONE' build/fuzz/$$n.log | tail -n 1); \
	  [ -n "$$line" ] || line=$$(grep -E '^#[0-9]+' build/fuzz/$$n.log | tail -n 1); \
	  echo "fuzz $$n: $$(grep -o 'stat::number_of_executed_units: *[0-9]*' build/fuzz/$$n.log | grep -o '[0-9]*$$') runs," \
	    "$$(grep -o 'stat::average_exec_per_sec: *[0-9]*' build/fuzz/$$n.log | grep -o '[0-9]*$$') exec/s," \
	    "$$(echo "$$line" | grep -o 'cov: [0-9]*') edges, $$(echo "$$line" | grep -o 'ft: [0-9]*') features," \
	    "$$(ls build/fuzz/artifacts | grep -c "^$$n-") crash(es); log build/fuzz/$$n.log"; \
	done; rm -rf build/fuzz/tmp; exit $$status

# Install every missing Debian package (as root), or say the one line to run.
# make check also needs CHECK_PKGS (check-deps); make demo does not.
deps:
	@$(MAKE) --no-print-directory install-pkgs PKG_LIST="$(DEB_PKGS)"
check-deps:
	@$(MAKE) --no-print-directory install-pkgs PKG_LIST="$(DEB_PKGS) $(CHECK_PKGS)"
install-pkgs:
	@missing=""; for p in $(PKG_LIST); do \
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
	$(BIN) combine data/taipei/111 -o build/city-111.pdf
	@echo "demo: wrote build/sample-report.pdf (the sample agency's 112 report), build/sample.pdf and build/city-111.pdf (the city's 111 combined report, seed 003)"

check: check-deps
	$(MAKE) all units
	$(MAKE) san
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
	GR_LIBS="$(LIBS_LINK)" tests/bench.sh

# The program, its data (fonts configuration, templates), the man pages
# (English, and Traditional Chinese under zh_TW) and the documentation.
MANDIR = $(DESTDIR)$(PREFIX)/share/man
DOCDIR = $(DESTDIR)$(PREFIX)/share/doc/gereport
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gereport/fonts
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/gereport
	install -m 644 fonts/*.conf fonts/*.txt $(DESTDIR)$(PREFIX)/share/gereport/fonts/
	cp -r templates $(DESTDIR)$(PREFIX)/share/gereport/
	install -d $(MANDIR)/man1 $(MANDIR)/zh_TW/man1 $(DOCDIR)
	install -m 644 docs/gereport.1 $(MANDIR)/man1/gereport.1
	install -m 644 docs/gereport.zh_TW.1 $(MANDIR)/zh_TW/man1/gereport.1
	install -m 644 README.md docs/*.md $(DOCDIR)/

# Removes exactly what install wrote (and the folders it made, when empty).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gereport
	rm -rf $(DESTDIR)$(PREFIX)/share/gereport $(DOCDIR)
	rm -f $(MANDIR)/man1/gereport.1 $(MANDIR)/zh_TW/man1/gereport.1
	-rmdir $(MANDIR)/zh_TW/man1 $(MANDIR)/zh_TW 2>/dev/null || true

clean:
	rm -rf build
