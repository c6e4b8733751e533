# pushguard — build, test and demo. `make deps`, `make test` and `make demo`
# install missing Debian packages (as root; see packaging/install-deps.sh and
# packaging/install-test-deps.sh); every other target only checks and says
# what is missing.

CXX ?= g++
CXXFLAGS ?= -O2 -g
PKGS := libgit2 libpcre2-8 yaml-cpp spdlog libhs libcrypto zlib
# Recursive (=) so pkg-config runs only after `deps` has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
REQUIRED_CXXFLAGS = -std=c++20 -Wall -Wextra -Wno-unused-parameter -Isrc \
  -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
BUILD ?= build

# Programs (their main()s) are not part of the library.
MAINS := src/cli/main.cc src/config/compile_pack_main.cc
SRCS := $(filter-out %_test.cc $(MAINS),$(wildcard src/*/*.cc))
# Two test binaries. Unit tests: beside the code (src/*/*_test.cc) and the
# fuzz targets replayed on their corpora; no git, no binary under test.
UNIT_SRCS := $(wildcard src/*/*_test.cc tests/fuzz/*.cc) tests/test_main.cc
# End-to-end tests: every other tests/<dir>/*.cc (real git pushes into real
# bare repositories; tests/corpus builds git histories). They find the
# binary under test through PUSHGUARD_BIN.
E2E_SRCS := $(filter-out tests/fuzz/%,$(wildcard tests/*/*.cc)) tests/test_main.cc
POLICY_FILES := $(sort $(wildcard policies/*.yaml policies/secrets/*.yaml))

OBJS := $(SRCS:%.cc=$(BUILD)/%.o) $(BUILD)/gen/embedded_policies.o
UNIT_OBJS := $(UNIT_SRCS:%.cc=$(BUILD)/%.o)
E2E_OBJS := $(E2E_SRCS:%.cc=$(BUILD)/%.o)

.PHONY: all deps test-deps check-deps unit e2e test asan tsan static deb \
  ghes-env fuzz demo bench clean format-check fresh-check walkthrough-check \
  sanitizer-run FORCE
all: $(BUILD)/pushguard

# Only `make deps`, `make demo` and `make test` install packages; any other
# goal checks that pkg-config finds the libraries (fast) and otherwise says
# exactly what is missing, without running apt-get.
ifneq ($(filter deps demo test,$(MAKECMDGOALS)),)
DEPS := deps
else
DEPS := check-deps
endif

# `make test` installs what `make deb` and `make static` need first.
ifneq ($(filter test,$(MAKECMDGOALS)),)
PACKAGING_DEPS := test-deps
endif

deps:
	@sh packaging/install-deps.sh

check-deps:
	@pkg-config --exists $(PKGS) 2>/dev/null || sh packaging/install-deps.sh --check

# What the transport, packaging and client e2e tests start or use (sshd,
# nginx, fcgiwrap, gitolite3, chromium, busybox-static) and what `make deb`
# and `make static` need (dpkg-dev, libgpg-error-dev, file): `make test`
# only, not `make demo`.
test-deps: deps
	@sh packaging/install-test-deps.sh

$(BUILD)/%.o: %.cc | $(DEPS)
	@mkdir -p $(dir $@)
	$(CXX) $(REQUIRED_CXXFLAGS) $(CXXFLAGS) -c $< -o $@

# The test code itself (not the library it tests) is compiled for compile
# speed: about half the time of -O2 -g, and most of the objects. A
# CXXFLAGS given on the command line (make asan does) applies to it too.
TEST_CXXFLAGS ?= -O1 -g1
$(sort $(UNIT_OBJS) $(E2E_OBJS)): CXXFLAGS = $(TEST_CXXFLAGS)

# The policy files are embedded; their list is kept so that deleting or
# adding one regenerates the embedded pack too.
$(BUILD)/gen/policy_files.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(POLICY_FILES)' | cmp -s - $@ || echo '$(POLICY_FILES)' > $@

$(BUILD)/gen/embedded_policies.cc: $(POLICY_FILES) $(BUILD)/gen/policy_files.list \
  src/rules/embed_policies.sh
	@mkdir -p $(dir $@)
	sh src/rules/embed_policies.sh $(POLICY_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded_policies.o: $(BUILD)/gen/embedded_policies.cc | $(DEPS)
	$(CXX) $(REQUIRED_CXXFLAGS) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libpushguard.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

# The default policy compiled at build time (src/config/embedded_pack.h):
# compile_pack loads and compiles the embedded policy files and writes the
# pack as C++; a policy file with a problem fails the build here. The pack
# is linked into every program, not into the library compile_pack uses.
PACK := $(BUILD)/gen/embedded_pack.o
$(BUILD)/compile_pack: $(BUILD)/src/config/compile_pack_main.o $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/gen/embedded_pack.cc: $(BUILD)/compile_pack
	$(BUILD)/compile_pack > $@.tmp && mv $@.tmp $@

$(PACK): $(BUILD)/gen/embedded_pack.cc | $(DEPS)
	$(CXX) $(REQUIRED_CXXFLAGS) -O0 -c $< -o $@

$(BUILD)/pushguard: $(BUILD)/src/cli/main.o $(PACK) $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/pushguard_unit: $(UNIT_OBJS) $(PACK) $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/pushguard_e2e: $(E2E_OBJS) $(PACK) $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

# Both in one binary, to run any case by name: `make build/pushguard_test`.
$(BUILD)/pushguard_test: $(sort $(UNIT_OBJS) $(E2E_OBJS)) $(PACK) $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

# Test runs: TEST_ARGS go to doctest (e.g. TEST_ARGS='-tc=*gitolite*'),
# TEST_JOBS end-to-end shards run at a time (tests/run_tests.sh).
TEST_JOBS ?= 2
TEST_ENV = PUSHGUARD_BIN=$(CURDIR)/$(BUILD)/pushguard PUSHGUARD_SOURCE_DIR=$(CURDIR)
# What `make e2e` leaves to `make test`: the cases that need the .deb, the
# static binary and the GHES environment.
NO_PACKAGING := '-sfe=*/packaging_test.cc'
RUN_UNIT = $(BUILD)/pushguard_unit $(TEST_ARGS)
RUN_E2E = -j $(TEST_JOBS) $(BUILD)/pushguard_e2e $(TEST_ARGS)

unit: $(BUILD)/pushguard_unit
	$(TEST_ENV) bash tests/run_tests.sh $(RUN_UNIT)

e2e: $(BUILD)/pushguard $(BUILD)/pushguard_e2e
	$(TEST_ENV) bash tests/run_tests.sh $(RUN_E2E) $(NO_PACKAGING)

# The README's test command: every rule file checked, then the unit tests
# and the end-to-end tests, the packaging ones with the .deb, the static
# binary and the GHES environment built; one summary line for both.
test: deps test-deps $(BUILD)/pushguard $(BUILD)/pushguard_unit $(BUILD)/pushguard_e2e \
  deb ghes-env
	PUSHGUARD_SYSTEM_CONFIG_DIR= $(BUILD)/pushguard rules check
	for f in policies/examples/*.yaml; do \
	  PUSHGUARD_SYSTEM_CONFIG_DIR= $(BUILD)/pushguard rules check $$f || exit 1; \
	done
	$(TEST_ENV) \
	  PUSHGUARD_DEB=$(CURDIR)/$(BUILD)/pushguard_$(DEB_VERSION)_$(DEB_ARCH).deb \
	  PUSHGUARD_STATIC_BIN=$(CURDIR)/build-static/pushguard \
	  PUSHGUARD_GHES_ENV=$(CURDIR)/build-static/pushguard-ghes-env.tar.gz \
	  bash tests/run_tests.sh $(RUN_UNIT) --and $(RUN_E2E)

# Sanitizer runs, each in its own build directory: the hook under test
# (PUSHGUARD_BIN) and the unit tests built with the sanitizer, the normal
# build's end-to-end binary pushing through that hook (the e2e test code
# itself only drives git), without the packaging cases (the .deb, the static
# binary and the GHES environment hold the normal build). The hook's reports
# go to $(BUILD)/sanitizer-reports/ (it runs inside git pushes, where stderr
# is the pusher's) and fail the run.
REPORT_DIR = $(CURDIR)/$(BUILD)/sanitizer-reports
E2E_BIN ?= $(BUILD)/pushguard_e2e
# Runs $(BUILD)'s unit binary and $(E2E_BIN) (filtered by $(E2E_FILTER))
# with $(SANITIZER_ENV).
sanitizer-run: $(BUILD)/pushguard $(BUILD)/pushguard_unit
	@rm -rf $(REPORT_DIR) && mkdir -p $(REPORT_DIR)
	$(TEST_ENV) $(SANITIZER_ENV) REPORT_DIR=$(REPORT_DIR) \
	  bash tests/run_tests.sh $(RUN_UNIT) --and -j $(TEST_JOBS) $(E2E_BIN) $(TEST_ARGS) \
	  $(E2E_FILTER)

# AddressSanitizer and UndefinedBehaviorSanitizer. -Og -g1 (line tables:
# reports still name file:line) compiles in less than half the time of
# -O1 -g, which is most of this target's cost in CI.
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined
asan: $(DEPS) $(BUILD)/pushguard_e2e
	$(MAKE) BUILD=build-asan CXXFLAGS="-Og -g1 $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
	  E2E_BIN=$(CURDIR)/$(BUILD)/pushguard_e2e \
	  SANITIZER_ENV="ASAN_OPTIONS=log_path=$(CURDIR)/build-asan/sanitizer-reports/asan \
	    UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/build-asan/sanitizer-reports/ubsan" \
	  E2E_FILTER="$(NO_PACKAGING)" sanitizer-run

# ThreadSanitizer: the scan, the YAML parse and the signature checks run
# threads. The unit tests and the end-to-end cases that drive them; reports
# inside uninstrumented libraries are suppressed in tests/tsan.supp.
TSAN_E2E := '-sf=*/scan_test.cc,*/push_test.cc,*/signature_test.cc,*/limits_test.cc,*/history_test.cc,*/policy_test.cc,*/audit_concurrency_test.cc'
tsan: $(DEPS) $(BUILD)/pushguard_e2e
	$(MAKE) BUILD=build-tsan CXXFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
	  TEST_ARGS="$(TEST_ARGS)" \
	  E2E_BIN=$(CURDIR)/$(BUILD)/pushguard_e2e \
	  SANITIZER_ENV="TSAN_OPTIONS=suppressions=$(CURDIR)/tests/tsan.supp:log_path=$(CURDIR)/build-tsan/sanitizer-reports/tsan" \
	  E2E_FILTER="$(TSAN_E2E)" sanitizer-run

# libFuzzer targets (tests/fuzz/): clang with ASan+UBSan, each run for
# FUZZ_SECONDS on a copy of its corpus; new crashes are left in build-fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := ref_updates policy_loader matcher reports
FUZZ_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz: $(DEPS)
	$(MAKE) BUILD=build-fuzz CXX=clang++ \
	  CXXFLAGS="-O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
	  build-fuzz/libpushguard.a build-fuzz/tests/fuzz/fuzz_targets.o
	@set -e; for t in $(FUZZ_TARGETS); do \
	  clang++ -std=c++20 -O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc \
	    -o build-fuzz/$${t}_fuzzer tests/fuzz/drivers/$${t}_fuzzer.cc \
	    build-fuzz/tests/fuzz/fuzz_targets.o build-fuzz/libpushguard.a \
	    $(PKG_LIBS); \
	  mkdir -p build-fuzz/corpus/$$t; cp tests/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  (cd build-fuzz && ./$${t}_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$${t}- corpus/$$t > $$t.log 2>&1) || \
	    { tail -n 40 build-fuzz/$$t.log; exit 1; }; \
	  tail -n 1 build-fuzz/$$t.log; \
	done

# A fully static binary from Debian's static libraries (libgit2 with
# mbedtls, http-parser and libssh2; PCRE2, yaml-cpp, vectorscan, libcrypto,
# zlib). spdlog and fmt ship no static library in Debian: they are compiled
# in header-only. Debian's libgit2.a needs GSSAPI, which Debian ships only
# shared: packaging/static/gssapi_stubs.cc stands in (pushguard never uses
# libgit2's network code). glibc's NSS (getpwuid for the OS user name) works
# when the host's NSS modules match, and falls back to $USER otherwise.
# Recursive (=): pkg-config must run after `deps` has installed the -dev packages.
STATIC_LIBS = -Wl,--start-group $(shell pkg-config --static --libs libgit2 \
  libssh2 libpcre2-8 yaml-cpp libhs libcrypto zlib 2>/dev/null) -lstdc++ -lm \
  -Wl,--end-group
# The static binary reuses $(BUILD)'s objects: only those whose sources
# (the .cc and its project headers, from its .d file) include a spdlog or fmt
# header are compiled again, header-only, into build-static/, so it costs no
# second build.
STATIC_OWN = $(patsubst $(BUILD)/%.d,build-static/%.o,$(shell \
  for d in $(OBJS:.o=.d) $(BUILD)/src/cli/main.d; do \
    tr ' \\' '\n\n' < $$d | grep -v ':$$' | grep . | sort -u | \
      xargs grep -q '^\#include <\(spdlog\|fmt\)/' 2>/dev/null && echo $$d; \
  done))
STATIC_OBJS = $(BUILD)/src/cli/main.o $(PACK) $(filter-out $(STATIC_OWN:build-static/%=$(BUILD)/%), \
  $(OBJS)) $(STATIC_OWN) build-static/packaging/static/gssapi_stubs.o
static: $(DEPS) $(PACKAGING_DEPS) $(BUILD)/src/cli/main.o $(PACK) $(OBJS)
	@command -v file >/dev/null && [ -e "$$($(CXX) -print-file-name=libgpg-error.a)" ] || \
	  { echo "make static: needs file and libgpg-error.a (libgpg-error-dev): run" \
	    "packaging/install-test-deps.sh as root (make test does)" >&2; exit 1; }
	$(MAKE) BUILD=build-static \
	  CXXFLAGS="-O2 -g0 -USPDLOG_COMPILED_LIB -USPDLOG_SHARED_LIB -DSPDLOG_HEADER_ONLY -DFMT_HEADER_ONLY" \
	  build-static/packaging/static/gssapi_stubs.o $(STATIC_OWN)
	$(CXX) -static -pthread -s -o build-static/pushguard $(STATIC_OBJS) \
	  $(STATIC_LIBS) 2> build-static/link.log || { cat build-static/link.log; exit 1; }
	@file build-static/pushguard | grep -q 'statically linked' || \
	  { echo "build-static/pushguard is not static" >&2; exit 1; }
	@echo "build-static/pushguard: statically linked ($(words $(STATIC_OWN)) objects of its own)"

# The GitHub Enterprise Server hook environment (a chroot tarball).
ghes-env: static
	@sh packaging/ghes/build-ghes-env.sh build-static/pushguard build-static

# The Debian package (packaging/deb/build-deb.sh, dpkg-deb): the binary,
# /etc/pushguard conffiles, man pages, logrotate, /var/log/pushguard.
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_VERSION := $(shell sed -n 's/.*kVersion\[\] = "\(.*\)";/\1/p' src/cli/commands.h)-1
deb: $(DEPS) $(PACKAGING_DEPS) $(BUILD)/pushguard
	@command -v dpkg-shlibdeps >/dev/null || \
	  { echo "make deb: needs dpkg-shlibdeps (dpkg-dev): run" \
	    "packaging/install-test-deps.sh as root (make test does)" >&2; exit 1; }
	@sh packaging/deb/build-deb.sh $(BUILD)/pushguard $(DEB_VERSION) $(BUILD)

demo: deps $(BUILD)/pushguard
	@sh tests/demo.sh $(CURDIR)/$(BUILD)/pushguard

# Benchmarks (bench/run.sh): `make bench`, `make bench BENCH_ARGS="--commits
# 2000 --bytes 100000000"`, `make bench REPO=/path/to/bare.git`, or a real
# history: `make bench HISTORY=/path/to/git.git` (a clone of git/git; range
# v2.47.0..v2.48.0, or BENCH_ARGS="--range OLD..NEW").
$(BUILD)/gen_history: bench/gen_history.cc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++20 -O2 -Wall -o $@ $<

bench: $(DEPS) $(BUILD)/pushguard $(BUILD)/gen_history
	sh bench/run.sh $(CURDIR)/$(BUILD)/pushguard $(CURDIR)/$(BUILD)/gen_history \
	  --dir $(BUILD)/bench $(if $(REPO),--repo $(REPO)) \
	  $(if $(HISTORY),--history $(HISTORY)) $(BENCH_ARGS)

clean:
	rm -rf build build-* $(BUILD)

# clang-format over the C++ sources; lists the files that differ.
FORMAT_FILES := $(sort $(wildcard src/*/*.cc src/*/*.h tests/*.cc tests/*/*.cc \
  tests/*/*.h tests/*/*/*.cc bench/*.cc bench/*.h))
format-check:
	@command -v clang-format >/dev/null || \
	  { echo "format-check: clang-format is missing: apt-get install clang-format" >&2; exit 1; }
	@bad=$$(for f in $(FORMAT_FILES); do \
	  clang-format --dry-run --Werror $$f >/dev/null 2>&1 || echo $$f; done); \
	if [ -n "$$bad" ]; then echo "$$bad"; \
	  echo "format-check: $$(echo "$$bad" | wc -l) of $(words $(FORMAT_FILES)) files differ from" \
	    "clang-format (clang-format -i FILE...)" >&2; exit 1; fi; \
	echo "format-check: $(words $(FORMAT_FILES)) files formatted"

# A freshly bootstrapped Debian bookworm chroot (cached in
# /var/cache/pushguard-fresh) runs `make demo` and `make test` on a clone of
# the committed HEAD: catches a missing install step (tests/fresh_check.sh).
fresh-check:
	@sh tests/fresh_check.sh

# The README's administrator walkthrough (policy repository, SSH pushes, the
# audit log) run as written in such a chroot (tests/admin_walkthrough.sh).
walkthrough-check:
	@FRESH_TARGETS=walkthrough sh tests/fresh_check.sh

-include $(OBJS:.o=.d) $(sort $(UNIT_OBJS:.o=.d) $(E2E_OBJS:.o=.d)) \
  $(MAINS:%.cc=$(BUILD)/%.d)
