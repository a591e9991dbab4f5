// SPDX-License-Identifier: Apache-2.0
#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace echelon::io {
namespace {

std::vector<std::vector<std::string>> read_all(std::string content) {
  CsvReader reader = CsvReader::from_string("t.csv", std::move(content));
  std::vector<std::vector<std::string>> rows;
  while (reader.next()) {
    std::vector<std::string> row;
    for (std::size_t field = 0; field < reader.size(); ++field) row.emplace_back(reader[field]);
    rows.push_back(row);
  }
  return rows;
}

std::string error_of(std::string content) {
  try {
    read_all(std::move(content));
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(CsvReader, ReadsPlainRowsAndSkipsBlankLines) {
  auto rows = read_all("a,b\n1,2\n\n3,\n\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"3", ""}));
}

TEST(CsvReader, HandlesQuotesEscapesAndEmbeddedNewlines) {
  auto rows = read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "x, y");
  EXPECT_EQ(rows[0][1], "say \"hi\"");
  EXPECT_EQ(rows[1][0], "two\nlines");
  EXPECT_EQ(rows[1][1], "z");
}

TEST(CsvReader, HandlesCrlfAndBom) {
  CsvReader reader = CsvReader::from_string("t.csv", "\xEF\xBB\xBFid,q\r\nA,1\r\nB,2");
  EXPECT_EQ(reader.header()[0], "id");
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader[1], "1");
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader[0], "B");
  EXPECT_EQ(reader[1], "2");
  EXPECT_EQ(reader.line(), 3u);
  EXPECT_FALSE(reader.next());
}

TEST(CsvReader, LocatesFieldsByLineAndColumn) {
  CsvReader reader = CsvReader::from_string("t.csv", "a,bb,c\n\n1,22,333\n");
  ASSERT_TRUE(reader.next());
  SourceLocation where = reader.location(2);
  EXPECT_EQ(where.line, 3u);
  EXPECT_EQ(where.column, 6u);
}

TEST(CsvReader, ReportsFieldCountMismatch) {
  EXPECT_EQ(error_of("a,b\n1,2\n1,2,3\n"),
            "t.csv:3: error: expected 2 fields (as in the header), found 3");
}

TEST(CsvReader, ReportsUnterminatedQuote) {
  EXPECT_EQ(error_of("a,b\n1,\"open\n"),
            "t.csv:2:3: error: unterminated quoted field: expected a closing '\"'");
}

TEST(CsvReader, ReportsTextAfterClosingQuote) {
  EXPECT_EQ(error_of("a,b\n\"x\"y,2\n"),
            "t.csv:2:4: error: expected ',' or end of line after a quoted field, found 'y'");
}

TEST(CsvReader, ReportsStrayQuote) {
  EXPECT_EQ(error_of("a,b\nx\"y,2\n"),
            "t.csv:2:2: error: unexpected '\"' inside an unquoted field (quote the whole field "
            "and double inner quotes)");
}

TEST(CsvReader, ReportsEmptyFile) {
  EXPECT_EQ(error_of(""), "t.csv:1: error: expected a header row, found an empty file");
}

TEST(CsvReader, ReportsMissingFile) {
  try {
    CsvReader::open("/nonexistent/x.csv", "x.csv");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "x.csv: error: cannot open file: No such file or directory");
  }
}

}  // namespace
}  // namespace echelon::io
