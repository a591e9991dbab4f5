// SPDX-License-Identifier: Apache-2.0
// `echelon <command>`: one process (echelon-mpi in src/app/mpi is the same CLI across MPI ranks).
#include "app/cli/command.h"

int main(int argc, char** argv) { return echelon::cli::run_cli(argc, argv, nullptr); }
