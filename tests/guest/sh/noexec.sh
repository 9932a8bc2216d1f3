#!/bin/sh
# Packed with mode 644 (CMakeLists.txt): running it must fail with 126.
echo "must not run"
