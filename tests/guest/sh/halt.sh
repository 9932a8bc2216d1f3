#!/bin/sh
# guest-halt's system job (init=/bin/halt.sh): halt must end QEMU with
# status 0 on both arches; the line after it must never be printed.
echo "halt.sh: halting"
halt
echo "halt.sh: still running after halt"
exit 1
