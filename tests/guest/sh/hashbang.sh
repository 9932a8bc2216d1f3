#!/bin/sh
# A #! script for shtest: its arguments back, then its status 5.
echo "hashbang $# $1 $2"
exit 5
