# SPDX-License-Identifier: Apache-2.0
# Every third-party library comes from Debian 12 packages (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(TBB REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
pkg_check_modules(CLP REQUIRED IMPORTED_TARGET clp)

find_path(XGBOOST_INCLUDE_DIR xgboost/c_api.h REQUIRED)  # Debian's xgboost-config.cmake is broken
find_library(XGBOOST_LIBRARY xgboost REQUIRED)
add_library(xgboost::xgboost UNKNOWN IMPORTED)
set_target_properties(xgboost::xgboost PROPERTIES
  IMPORTED_LOCATION "${XGBOOST_LIBRARY}" INTERFACE_INCLUDE_DIRECTORIES "${XGBOOST_INCLUDE_DIR}")

if(ECHELON_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(ECHELON_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
# MPI (OpenMPI) builds echelon-mpi. AUTO: when found, except in sanitizer builds (OpenMPI's
# own allocations would be reported); ON: required; OFF: never.
set(MPI_CXX_SKIP_MPICXX ON)  # the C API from C++, without OpenMPI's deprecated C++ bindings
set(ECHELON_MPI_FOUND OFF)
if(ECHELON_WITH_MPI STREQUAL "AUTO")
  if(ECHELON_SANITIZE STREQUAL "")
    find_package(MPI QUIET COMPONENTS CXX)
    set(ECHELON_MPI_FOUND ${MPI_CXX_FOUND})
  endif()
elseif(ECHELON_WITH_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)
  set(ECHELON_MPI_FOUND ON)
endif()
