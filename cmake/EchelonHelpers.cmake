# SPDX-License-Identifier: Apache-2.0
# echelon_library(NAME SRCS ... DEPS ...): one static library per src/ folder, target echelon_<NAME>.
# echelon_test(NAME SRCS ... DEPS ... [LABELS ...]): one GoogleTest binary per module.
# echelon_bench(NAME SRCS ... DEPS ...): one Google Benchmark binary.

function(echelon_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(echelon_${name} STATIC ${ARG_SRCS})
  add_library(echelon::${name} ALIAS echelon_${name})
  target_include_directories(echelon_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(echelon_${name} PUBLIC ${ARG_DEPS})
endfunction()

function(echelon_test name)
  if(NOT ECHELON_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    ECHELON_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ECHELON_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  set(labels unit ${ARG_LABELS})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${labels}")
endfunction()

function(echelon_bench name)
  if(NOT ECHELON_BUILD_BENCH)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()
