# A file for `.` (shtest): defines a function and a variable in the
# shell that reads it, and ends early with return.
libvar=fromlib
double() { echo $(($1 * 2)); }
return 0
echo "lib.sh: not reached"
