// SPDX-License-Identifier: Apache-2.0
#include "app/mpi/mpi_exchange.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace echelon::mpi {
namespace {

// MPI_User_function: adds fixed-point sums given as (low, high) word pairs. Integer addition
// is associative, so any reduction tree gives the same bits.
void add_exact_sums(void* in, void* inout, int* count, MPI_Datatype* /*type*/) {
  const auto* from = static_cast<const std::uint64_t*>(in);
  auto* into = static_cast<std::uint64_t*>(inout);
  for (int index = 0; index < *count; ++index) {
    ExactSum sum = ExactSum::from_words(into[2 * index], into[2 * index + 1]);
    try {
      sum += ExactSum::from_words(from[2 * index], from[2 * index + 1]);
    } catch (const std::overflow_error& error) {
      // No exception may cross MPI's C frames.
      std::fprintf(stderr, "echelon-mpi: %s; aborting the job\n", error.what());
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    into[2 * index] = sum.low();
    into[2 * index + 1] = sum.high();
  }
}

}  // namespace

MpiExchange::MpiExchange(MPI_Comm comm, int fail_rank) : comm_(comm), fail_rank_(fail_rank) {
  MPI_Comm_set_errhandler(comm_, MPI_ERRORS_RETURN);
  check(MPI_Comm_rank(comm_, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(comm_, &size_), "MPI_Comm_size");
  check(MPI_Type_contiguous(2, MPI_UINT64_T, &word_pair_), "MPI_Type_contiguous");
  check(MPI_Type_commit(&word_pair_), "MPI_Type_commit");
  check(MPI_Op_create(&add_exact_sums, 1, &add_), "MPI_Op_create");
}

MpiExchange::~MpiExchange() {
  if (add_ != MPI_OP_NULL) MPI_Op_free(&add_);
  if (word_pair_ != MPI_DATATYPE_NULL) MPI_Type_free(&word_pair_);
}

void MpiExchange::check(int code, const char* call) const {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw std::runtime_error(fmt::format("{} failed on rank {} of {}: {}", call, rank_, size_,
                                       std::string(text, static_cast<std::size_t>(length))));
}

void MpiExchange::do_sum(std::span<ExactSum> values) {
  if (rank_ == fail_rank_) {
    throw std::runtime_error(fmt::format("rank {}: failure injected by ECHELON_MPI_FAIL_RANK", rank_));
  }
  std::vector<std::uint64_t> words(2 * values.size());
  for (std::size_t index = 0; index < values.size(); ++index) {
    words[2 * index] = values[index].low();
    words[2 * index + 1] = values[index].high();
  }
  check(MPI_Allreduce(MPI_IN_PLACE, words.data(), static_cast<int>(values.size()), word_pair_, add_, comm_),
        "MPI_Allreduce");
  for (std::size_t index = 0; index < values.size(); ++index) {
    values[index] = ExactSum::from_words(words[2 * index], words[2 * index + 1]);
  }
}

std::vector<int> MpiExchange::counts_of(std::size_t mine, bool to_root, std::vector<int>& displacements) const {
  if (mine > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error(fmt::format("rank {}: a message of {} bytes exceeds MPI's int counts", rank_, mine));
  }
  const int count = static_cast<int>(mine);
  std::vector<int> counts(static_cast<std::size_t>(size_));
  if (to_root) {
    check(MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, comm_), "MPI_Gather");
  } else {
    check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm_), "MPI_Allgather");
  }
  displacements.assign(counts.size(), 0);
  long long total = 0;
  for (std::size_t rank = 0; rank < counts.size(); ++rank) {
    if (total > INT_MAX) throw std::runtime_error("gathered messages exceed MPI's int displacements");
    displacements[rank] = static_cast<int>(total);
    total += counts[rank];
  }
  if (total > INT_MAX) throw std::runtime_error("gathered messages exceed MPI's int displacements");
  return counts;
}

optimize::ByteBuffers MpiExchange::do_all_gather(std::span<const std::byte> mine) {
  std::vector<int> displacements;
  std::vector<int> counts = counts_of(mine.size(), false, displacements);
  std::vector<std::byte> all(static_cast<std::size_t>(displacements.back() + counts.back()));
  check(MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_BYTE, all.data(), counts.data(),
                       displacements.data(), MPI_BYTE, comm_),
        "MPI_Allgatherv");
  optimize::ByteBuffers by_rank(counts.size());
  for (std::size_t rank = 0; rank < counts.size(); ++rank) {
    auto first = all.begin() + displacements[rank];
    by_rank[rank].assign(first, first + counts[rank]);
  }
  return by_rank;
}

optimize::ByteBuffers MpiExchange::do_gather_to_root(std::span<const std::byte> mine) {
  std::vector<int> displacements;
  std::vector<int> counts = counts_of(mine.size(), true, displacements);
  std::vector<std::byte> all;
  if (rank_ == 0) all.resize(static_cast<std::size_t>(displacements.back() + counts.back()));
  check(MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), MPI_BYTE, all.data(), counts.data(),
                    displacements.data(), MPI_BYTE, 0, comm_),
        "MPI_Gatherv");
  optimize::ByteBuffers by_rank;
  if (rank_ != 0) return by_rank;
  by_rank.resize(counts.size());
  for (std::size_t rank = 0; rank < counts.size(); ++rank) {
    auto first = all.begin() + displacements[rank];
    by_rank[rank].assign(first, first + counts[rank]);
  }
  return by_rank;
}

void MpiExchange::do_broadcast_from_root(std::vector<std::byte>& bytes) {
  std::uint64_t size = bytes.size();
  check(MPI_Bcast(&size, 1, MPI_UINT64_T, 0, comm_), "MPI_Bcast");
  if (rank_ != 0) bytes.assign(static_cast<std::size_t>(size), std::byte{0});
  constexpr std::uint64_t kPiece = std::uint64_t{1} << 30;  // MPI counts are ints
  for (std::uint64_t first = 0; first < size; first += kPiece) {
    const int count = static_cast<int>(std::min(kPiece, size - first));
    check(MPI_Bcast(bytes.data() + first, count, MPI_BYTE, 0, comm_), "MPI_Bcast");
  }
}

}  // namespace echelon::mpi
