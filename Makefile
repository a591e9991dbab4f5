# Front door: every target wraps a CMake preset (CMakePresets.json).
JOBS ?= $(shell nproc)
THREADS ?= 2
EXAMPLE ?= examples/small
DEMO_OUT ?= out/demo

.PHONY: all deps build release test test-debug test-tsan demo fuzz bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset relassert >/dev/null
	cmake --build --preset relassert -j $(JOBS)

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target echelon

test: build
	ctest --preset relassert -j $(JOBS)

test-debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)
	ctest --preset debug -j $(JOBS)

test-tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

demo: release
	bash scripts/demo.sh build/release/src/app/cli/echelon $(EXAMPLE) $(DEMO_OUT) $(THREADS)

fuzz: deps
	bash scripts/fuzz.sh

bench: release
	cmake --build --preset release -j $(JOBS)

format:
	find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build out
