# SPDX-License-Identifier: Apache-2.0
# Opens PAGE in headless Chromium with no network: every chart must have drawn (the page counts
# them in <body data-charts-drawn> against data-charts-expected and marks the title [ready]) and
# no script error may be recorded (data-error). Saves a 1440x900 screenshot to SCREENSHOT.
find_program(CHROMIUM NAMES chromium chromium-browser)
if(NOT CHROMIUM)
  message(STATUS "chromium is not installed; skipping (scripts/install-deps.sh installs it)")
  return()
endif()

# Root needs --no-sandbox; the proxy flags keep every request off the network, so a page that
# needed one would fail to draw.
set(profile ${WORK}/chromium-profile)
file(REMOVE_RECURSE ${profile})
set(flags --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking
          --disable-component-update --disable-sync --disable-quic --hide-scrollbars
          --proxy-server=127.0.0.1:9 --proxy-bypass-list=<-loopback> --user-data-dir=${profile}
          --virtual-time-budget=10000)

execute_process(COMMAND ${CHROMIUM} ${flags} --dump-dom file://${PAGE}
                RESULT_VARIABLE code OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "chromium --dump-dom: exit code ${code}\n${err}")
endif()
if(NOT dom MATCHES "data-charts-expected=\"([0-9]+)\"")
  message(FATAL_ERROR "no data-charts-expected marker in the rendered page")
endif()
set(expected ${CMAKE_MATCH_1})
if(NOT dom MATCHES "data-charts-drawn=\"([0-9]+)\"")
  message(FATAL_ERROR "no data-charts-drawn marker in the rendered page")
endif()
set(drawn ${CMAKE_MATCH_1})
if(dom MATCHES "data-error=\"([^\"]*)\"")
  message(FATAL_ERROR "script error in the page: ${CMAKE_MATCH_1}")
endif()
string(REGEX MATCHALL "<canvas data-chart=" canvases "${dom}")
list(LENGTH canvases canvas_count)
if(expected LESS 10 OR NOT canvas_count EQUAL expected OR NOT drawn EQUAL expected)
  message(FATAL_ERROR "charts drawn ${drawn} of ${expected} expected (${canvas_count} canvases)")
endif()
if(NOT dom MATCHES "<title>[^<]*\\[ready\\]</title>")
  message(FATAL_ERROR "the page title lacks the [ready] marker")
endif()
message(STATUS "${drawn} of ${expected} charts drawn")

file(REMOVE ${SCREENSHOT})
execute_process(COMMAND ${CHROMIUM} ${flags} --window-size=1440,900 --screenshot=${SCREENSHOT} file://${PAGE}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0 OR NOT EXISTS ${SCREENSHOT})
  message(FATAL_ERROR "chromium --screenshot: exit code ${code}\n${err}")
endif()
file(SIZE ${SCREENSHOT} bytes)
if(bytes LESS 20000)
  message(FATAL_ERROR "screenshot ${SCREENSHOT} is only ${bytes} bytes; the page looks blank")
endif()
message(STATUS "screenshot ${SCREENSHOT} (${bytes} bytes)")
