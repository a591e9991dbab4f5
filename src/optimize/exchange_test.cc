// SPDX-License-Identifier: Apache-2.0
// The planner's exchange: SKU partitions balanced by work, plans that travel bit for bit, and
// evaluation sums that do not depend on how the SKUs are split over ranks (ranks simulated by
// threads, so this runs without MPI).
#include "optimize/exchange.h"

#include <gtest/gtest.h>

#include <cstring>
#include <mutex>

#include "optimize/example_network_test_util.h"
#include "optimize/plan_evaluation.h"
#include "optimize/plan_gather.h"
#include "optimize/thread_exchange_test_util.h"

namespace echelon::optimize {
namespace {

using testing::example;
using testing::ThreadHub;

std::vector<std::byte> bytes_of(const SkuPlan& plan) {
  ByteWriter out;
  encode(plan, out);
  return out.take();
}

// Plans of the first `count` SKUs of the example under some non-zero prices.
std::vector<SkuPlan> example_plans(std::size_t count) {
  const auto& data = example();
  Prices prices = Prices::zero(data.dataset.network.node_count(), data.planning.speed_count());
  for (double& price : prices.storage) price = 0.05;
  SkuSolverOptions options;
  std::vector<SkuPlan> plans;
  for (std::size_t sku = 0; sku < count; ++sku) {
    plans.push_back(solve_sku(data.planning, SkuIndex(sku), data.rates.of(SkuIndex(sku)), prices, options));
  }
  return plans;
}

TEST(ShareFromRoot, EveryRankGetsRankZerosRatesAndDate) {
  const DemandRates& sent = example().rates;
  std::mutex mutex;
  std::vector<DemandRates> received(3);
  std::vector<Date> dates(3);
  ThreadHub::run(3, [&](SkuExchange& exchange) {
    DemandRates rates;
    if (exchange.rank() == 0) rates = sent;  // the other ranks start empty, as without histories
    share_from_root(exchange, rates);
    const Date date = share_from_root(exchange, exchange.rank() == 0 ? Date(20000) : Date(7));
    std::lock_guard lock(mutex);
    received[static_cast<std::size_t>(exchange.rank())] = std::move(rates);
    dates[static_cast<std::size_t>(exchange.rank())] = date;
  });
  for (std::size_t rank = 0; rank < 3; ++rank) {
    SCOPED_TRACE(rank);
    EXPECT_EQ(dates[rank], Date(20000));
    EXPECT_EQ(received[rank].sku_offset, sent.sku_offset);
    ASSERT_EQ(received[rank].rates.size(), sent.rates.size());
    for (std::size_t index = 0; index < sent.rates.size(); ++index) {
      EXPECT_EQ(received[rank].rates[index].region, sent.rates[index].region);
      EXPECT_EQ(received[rank].rates[index].speed, sent.rates[index].speed);
      EXPECT_EQ(received[rank].rates[index].mean_per_day, sent.rates[index].mean_per_day);
      EXPECT_EQ(received[rank].rates[index].variance_per_day, sent.rates[index].variance_per_day);
    }
  }
}

TEST(SkuPartition, BalancesTierWorkNotCount) {
  // 10 fast SKUs (10 units a day) first, then 990 slow ones (0.01 a day): work 10 x 60 + 990 x 1
  // = 1590, so the first of two ranks stops at 795: the 10 fast SKUs and 195 slow ones.
  DemandRates rates;
  for (std::size_t sku = 0; sku < 1000; ++sku) {
    rates.rates.push_back({RegionIndex(0), SpeedIndex(0), sku < 10 ? 10.0 : 0.01, 1.0});
    rates.sku_offset.push_back(rates.rates.size());
  }
  SkuSolverOptions options;
  SkuPartition two = partition_skus(rates, 1000, options, 2);
  EXPECT_EQ(two.first, (std::vector<std::size_t>{0, 205, 1000}));
  EXPECT_EQ(two.owner(0), 0);
  EXPECT_EQ(two.owner(204), 0);
  EXPECT_EQ(two.owner(205), 1);
  EXPECT_EQ(two.owner(999), 1);
  // Three ranks: cuts where the work before a SKU first reaches 530 and 1060. Before SKU k <= 10
  // lies 60k (540 at k = 9); before SKU 10 + m lies 600 + m (1060 at m = 460).
  SkuPartition three = partition_skus(rates, 1000, options, 3);
  ASSERT_EQ(three.first.size(), 4u);
  EXPECT_EQ(three.first[1], 9u);
  EXPECT_EQ(three.first[2], 470u);
  EXPECT_EQ(three.first[3], 1000u);
  // More ranks than SKUs: the extra ranks own nothing.
  SkuPartition wide = partition_skus(rates, 3, options, 5);
  EXPECT_EQ(wide.first.front(), 0u);
  EXPECT_EQ(wide.first.back(), 3u);
  for (std::size_t rank = 1; rank < wide.first.size(); ++rank) EXPECT_LE(wide.first[rank - 1], wide.first[rank]);
}

TEST(PlanGather, PlansTravelBitForBit) {
  for (const SkuPlan& plan : example_plans(12)) {
    std::vector<std::byte> bytes = bytes_of(plan);
    ByteReader reader(bytes);
    SkuPlan copy = decode_plan(reader);
    EXPECT_TRUE(reader.done());
    EXPECT_EQ(bytes_of(copy), bytes);
    EXPECT_EQ(copy.sku, plan.sku);
    EXPECT_EQ(copy.vendor, plan.vendor);
    ASSERT_EQ(copy.levels.size(), plan.levels.size());
    for (std::size_t index = 0; index < plan.levels.size(); ++index) {
      EXPECT_EQ(copy.levels[index].node, plan.levels[index].node);
      EXPECT_EQ(copy.levels[index].order_up_to, plan.levels[index].order_up_to);
    }
    EXPECT_EQ(copy.total_priced(), plan.total_priced());
    EXPECT_EQ(copy.outcome.on_time, plan.outcome.on_time);
    EXPECT_EQ(copy.storage_m3, plan.storage_m3);
  }
  std::vector<std::byte> bytes = bytes_of(example_plans(1).front());
  bytes.resize(bytes.size() - 1);
  ByteReader truncated(bytes);
  EXPECT_THROW(decode_plan(truncated), std::runtime_error);
}

TEST(PlanGather, RankZeroReceivesEveryPlanInRankOrder) {
  const std::vector<SkuPlan> plans = example_plans(10);
  const std::vector<std::size_t> first{0, 4, 4, 10};  // rank 1 owns nothing
  std::vector<SkuPlan> gathered;
  std::vector<std::size_t> left(3);
  ThreadHub::run(3, [&](SkuExchange& exchange) {
    const auto rank = static_cast<std::size_t>(exchange.rank());
    std::vector<SkuPlan> mine(plans.begin() + static_cast<std::ptrdiff_t>(first[rank]),
                              plans.begin() + static_cast<std::ptrdiff_t>(first[rank + 1]));
    gather_plans(exchange, mine);
    left[rank] = mine.size();
    if (rank == 0) gathered = std::move(mine);
  });
  ASSERT_EQ(gathered.size(), plans.size());
  for (std::size_t index = 0; index < plans.size(); ++index) EXPECT_EQ(bytes_of(gathered[index]), bytes_of(plans[index]));
  EXPECT_EQ(left[1], 0u);
  EXPECT_EQ(left[2], 0u);
}

TEST(PlanEvaluation, SameTotalsOnOneRankAndOnThree) {
  const auto& data = example();
  LagrangianResult whole;
  whole.skus = example_plans(data.dataset.sku_count());
  whole.lower_bound = 100.0;
  SkuSolverOptions options;
  RunContext ctx(RunOptions{.threads = 2, .log_level = LogLevel::kOff});
  const PlanEvaluation one = evaluate_plan(data.planning, data.rates, whole, options, ctx);
  const SkuPartition partition = partition_skus(data.rates, whole.skus.size(), options, 3);
  std::vector<PlanEvaluation> by_rank(3);
  ThreadHub::run(3, [&](SkuExchange& exchange) {
    const int rank = exchange.rank();
    LagrangianResult part;
    part.lower_bound = whole.lower_bound;
    part.skus.assign(whole.skus.begin() + static_cast<std::ptrdiff_t>(partition.begin(rank)),
                     whole.skus.begin() + static_cast<std::ptrdiff_t>(partition.end(rank)));
    RunContext rank_ctx(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
    by_rank[static_cast<std::size_t>(rank)] =
        evaluate_plan(data.planning, data.rates, part, options, rank_ctx, exchange);
  });
  for (const PlanEvaluation& part : by_rank) {
    EXPECT_EQ(part.plan_cost, one.plan_cost);
    EXPECT_EQ(part.plan_cost_relaxed, one.plan_cost_relaxed);
    EXPECT_EQ(part.plan_cost_ci, one.plan_cost_ci);
    EXPECT_EQ(part.gap, one.gap);
    EXPECT_EQ(part.terms.certificate, one.terms.certificate);
    EXPECT_EQ(part.on_time, one.on_time);
    EXPECT_EQ(part.delivered, one.delivered);
  }
  // The sums are those of the plans (checked against a plain sum to rounding).
  double purchase = 0.0;
  for (const SkuPlan& plan : whole.skus) purchase += plan.purchase;
  EXPECT_NEAR(one.purchase_cost, purchase, 1e-9 * purchase);
  EXPECT_GT(partition.end(0) - partition.begin(0), 0u);
  EXPECT_GT(partition.end(2) - partition.begin(2), 0u);
}

TEST(LagrangianSolver, SamePlanOnOneRankAndOnThree) {
  const auto& data = example();
  LagrangianOptions options;
  options.max_iterations = 4;
  options.gap_target = 0.0;
  options.sku.seed = 5;
  RunContext ctx(RunOptions{.threads = 2, .seed = 5, .log_level = LogLevel::kOff});
  const LagrangianResult one = LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  std::vector<LagrangianResult> by_rank(3);
  ThreadHub::run(3, [&](SkuExchange& exchange) {
    RunContext rank_ctx(RunOptions{.threads = 1, .seed = 5, .log_level = LogLevel::kOff});
    LagrangianResult result = LagrangianSolver(data.planning, data.rates, options, exchange).solve(rank_ctx, nullptr);
    gather_plans(exchange, result.skus);
    by_rank[static_cast<std::size_t>(exchange.rank())] = std::move(result);
  });
  const LagrangianResult& root = by_rank[0];
  ASSERT_EQ(root.skus.size(), one.skus.size());
  for (std::size_t sku = 0; sku < one.skus.size(); ++sku) {
    EXPECT_EQ(bytes_of(root.skus[sku]), bytes_of(one.skus[sku])) << "SKU " << sku;
  }
  for (const LagrangianResult& rank : by_rank) {
    EXPECT_EQ(rank.status, one.status);
    EXPECT_EQ(rank.iterations, one.iterations);
    EXPECT_EQ(rank.lower_bound, one.lower_bound);
    EXPECT_EQ(rank.plan_cost, one.plan_cost);
    EXPECT_EQ(rank.prices.storage, one.prices.storage);
    EXPECT_EQ(rank.prices.inbound, one.prices.inbound);
    EXPECT_EQ(rank.prices.outbound, one.prices.outbound);
    EXPECT_EQ(rank.capacity.use, one.capacity.use);
    EXPECT_EQ(rank.notes, one.notes);
  }
  EXPECT_TRUE(by_rank[1].skus.empty());
}

}  // namespace
}  // namespace echelon::optimize
