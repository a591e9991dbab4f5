// SPDX-License-Identifier: Apache-2.0
// `echelon-mpi <command>`: the echelon CLI with `plan` spread over MPI ranks, e.g.
//   mpirun -n 4 echelon-mpi plan DATA --out OUT --threads 1
// Every rank runs the same command; rank 0 writes the outputs. When a rank fails it says which
// and aborts the whole job (exit code non-zero); nothing is written, since rank 0 writes only
// after the last collective. ECHELON_MPI_FAIL_RANK=r makes rank r fail on purpose (for tests).
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/cli/command.h"
#include "app/mpi/mpi_exchange.h"

namespace {

int fail_rank_from_environment() {
  const char* value = std::getenv("ECHELON_MPI_FAIL_RANK");
  if (value == nullptr || *value == '\0') return -1;
  try {
    return std::stoi(value);
  } catch (const std::exception&) {
    std::fprintf(stderr, "echelon-mpi: ECHELON_MPI_FAIL_RANK: expected a rank number, found \"%s\"\n", value);
    return -1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Only the main thread calls MPI; worker threads only solve SKUs.
  int provided = 0;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    std::fprintf(stderr, "echelon-mpi: MPI_Init_thread failed\n");
    return echelon::cli::kExitInternal;
  }
  int code = echelon::cli::kExitOk;
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  try {
    echelon::mpi::MpiExchange exchange(MPI_COMM_WORLD, fail_rank_from_environment());
    code = echelon::cli::run_cli(argc, argv, &exchange);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "echelon-mpi: %s\n", error.what());
    code = echelon::cli::kExitInternal;
  }
  if (code != echelon::cli::kExitOk && size > 1) {
    // The other ranks may be waiting in a collective for this one: end them all.
    std::fprintf(stderr, "echelon-mpi: rank %d of %d failed (exit code %d); aborting the job\n", rank, size, code);
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
  }
  MPI_Finalize();
  return code;
}
