// The doctest main for the single test binary (unit tests beside the code in
// src/, end-to-end tests in tests/e2e/).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
