# pushguard — build, test and demo. `make test` and `make demo` install missing
# Debian build dependencies first (see packaging/install-deps.sh).

CXX ?= g++
CXXFLAGS ?= -O2 -g
PKGS := libgit2 libpcre2-8 yaml-cpp spdlog libhs libcrypto zlib
# Recursive (=) so pkg-config runs only after `deps` has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
REQUIRED_CXXFLAGS = -std=c++20 -Wall -Wextra -Wno-unused-parameter -Isrc \
  -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
BUILD ?= build

SRCS := $(filter-out %_test.cc src/cli/main.cc,$(wildcard src/*/*.cc))
TEST_SRCS := $(wildcard src/*/*_test.cc) $(wildcard tests/*.cc tests/*/*.cc)
POLICY_FILES := $(sort $(wildcard policies/*.yaml policies/secrets/*.yaml))

OBJS := $(SRCS:%.cc=$(BUILD)/%.o) $(BUILD)/gen/embedded_policies.o
TEST_OBJS := $(TEST_SRCS:%.cc=$(BUILD)/%.o)

.PHONY: all deps test-deps test asan static deb ghes-env fuzz demo bench clean
all: deps $(BUILD)/pushguard

deps:
	@sh packaging/install-deps.sh

# What the transport, packaging and client e2e tests start (sshd, nginx,
# fcgiwrap, gitolite3, busybox-static): for `make test` only, not `make demo`.
test-deps: deps
	@sh packaging/install-test-deps.sh

$(BUILD)/%.o: %.cc | deps
	@mkdir -p $(dir $@)
	$(CXX) $(REQUIRED_CXXFLAGS) $(CXXFLAGS) -c $< -o $@

$(BUILD)/gen/embedded_policies.cc: $(POLICY_FILES) src/rules/embed_policies.sh
	@mkdir -p $(dir $@)
	sh src/rules/embed_policies.sh $(POLICY_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded_policies.o: $(BUILD)/gen/embedded_policies.cc | deps
	$(CXX) $(REQUIRED_CXXFLAGS) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libpushguard.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/pushguard: $(BUILD)/src/cli/main.o $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/pushguard_test: $(TEST_OBJS) $(BUILD)/libpushguard.a
	$(CXX) $(CXXFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

# Unit tests and end-to-end tests (real git pushes into real bare
# repositories) run in one doctest binary; the e2e cases find the binary
# under test through PUSHGUARD_BIN.
test: deps test-deps $(BUILD)/pushguard $(BUILD)/pushguard_test deb ghes-env
	PUSHGUARD_SYSTEM_CONFIG_DIR= $(BUILD)/pushguard rules check
	for f in policies/examples/*.yaml; do \
	  PUSHGUARD_SYSTEM_CONFIG_DIR= $(BUILD)/pushguard rules check $$f || exit 1; \
	done
	PUSHGUARD_BIN=$(CURDIR)/$(BUILD)/pushguard \
	  PUSHGUARD_DEB=$(CURDIR)/$(BUILD)/pushguard_$(DEB_VERSION)_$(DEB_ARCH).deb \
	  PUSHGUARD_STATIC_BIN=$(CURDIR)/build-static/pushguard \
	  PUSHGUARD_GHES_ENV=$(CURDIR)/build-static/pushguard-ghes-env.tar.gz \
	  PUSHGUARD_SOURCE_DIR=$(CURDIR) \
	  sh tests/run_tests.sh $(BUILD)/pushguard_test $(TEST_ARGS)

# The whole test suite built with AddressSanitizer and UndefinedBehavior-
# Sanitizer (the hook under test too), in its own build directory.
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined
asan: deps
	$(MAKE) BUILD=build-asan CXXFLAGS="-O1 -g $(SANITIZE)" \
	  LDFLAGS="$(SANITIZE)" test

# libFuzzer targets (tests/fuzz/): clang with ASan+UBSan, each run for
# FUZZ_SECONDS on a copy of its corpus; new crashes are left in build-fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := ref_updates policy_loader matcher reports
FUZZ_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz: deps
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
static: deps
	$(MAKE) BUILD=build-static \
	  CXXFLAGS="-O2 -g0 -USPDLOG_COMPILED_LIB -USPDLOG_SHARED_LIB -DSPDLOG_HEADER_ONLY -DFMT_HEADER_ONLY" \
	  build-static/packaging/static/gssapi_stubs.o build-static/libpushguard.a \
	  build-static/src/cli/main.o
	$(CXX) -static -pthread -s -o build-static/pushguard build-static/src/cli/main.o \
	  build-static/libpushguard.a build-static/packaging/static/gssapi_stubs.o \
	  $(STATIC_LIBS) 2> build-static/link.log || { cat build-static/link.log; exit 1; }
	@file build-static/pushguard | grep -q 'statically linked' || \
	  { echo "build-static/pushguard is not static" >&2; exit 1; }
	@echo "build-static/pushguard: statically linked"

# The GitHub Enterprise Server hook environment (a chroot tarball).
ghes-env: static
	@sh packaging/ghes/build-ghes-env.sh build-static/pushguard build-static

# The Debian package (packaging/deb/build-deb.sh, dpkg-deb): the binary,
# /etc/pushguard conffiles, man pages, logrotate, /var/log/pushguard.
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_VERSION := $(shell sed -n 's/.*kVersion\[\] = "\(.*\)";/\1/p' src/cli/commands.h)-1
deb: deps $(BUILD)/pushguard
	@sh packaging/deb/build-deb.sh $(BUILD)/pushguard $(DEB_VERSION) $(BUILD)

demo: deps $(BUILD)/pushguard
	@sh tests/demo.sh $(CURDIR)/$(BUILD)/pushguard

# Benchmarks (bench/run.sh): `make bench`, `make bench BENCH_ARGS="--commits
# 2000 --bytes 100000000"`, or `make bench REPO=/path/to/bare.git`.
$(BUILD)/gen_history: bench/gen_history.cc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++20 -O2 -Wall -o $@ $<

bench: deps $(BUILD)/pushguard $(BUILD)/gen_history
	sh bench/run.sh $(CURDIR)/$(BUILD)/pushguard $(CURDIR)/$(BUILD)/gen_history \
	  --dir $(BUILD)/bench $(if $(REPO),--repo $(REPO)) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(BUILD)/src/cli/main.d
