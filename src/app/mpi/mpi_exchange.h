// SPDX-License-Identifier: Apache-2.0
// The planner's exchange over MPI: partial sums by MPI_Allreduce (a user operation that adds
// 128-bit fixed-point words, so the result is the same in any reduction order), offers by
// MPI_Allgatherv, final plans by MPI_Gatherv, demand rates by MPI_Bcast
// (in pieces below MPI's int counts). MPI errors are returned, not fatal, and thrown as
// std::runtime_error naming the call and the rank; the driver then aborts the job.
#pragma once

#include <mpi.h>

#include "optimize/exchange.h"

namespace echelon::mpi {

class MpiExchange final : public optimize::SkuExchange {
 public:
  // `fail_rank` >= 0 makes that rank throw at its first sum (to test how the job fails).
  explicit MpiExchange(MPI_Comm comm, int fail_rank = -1);
  ~MpiExchange() override;
  MpiExchange(const MpiExchange&) = delete;
  MpiExchange& operator=(const MpiExchange&) = delete;

  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }

 protected:
  void do_sum(std::span<ExactSum> values) override;
  optimize::ByteBuffers do_all_gather(std::span<const std::byte> mine) override;
  optimize::ByteBuffers do_gather_to_root(std::span<const std::byte> mine) override;
  void do_broadcast_from_root(std::vector<std::byte>& bytes) override;

 private:
  // Throws when `code` is an MPI error.
  void check(int code, const char* call) const;
  // Byte counts of every rank and their displacements; throws past MPI's int counts.
  std::vector<int> counts_of(std::size_t mine, bool to_root, std::vector<int>& displacements) const;

  MPI_Comm comm_;
  int rank_ = 0;
  int size_ = 1;
  int fail_rank_ = -1;
  MPI_Datatype word_pair_ = MPI_DATATYPE_NULL;  // one ExactSum: two 64-bit words
  MPI_Op add_ = MPI_OP_NULL;
};

}  // namespace echelon::mpi
