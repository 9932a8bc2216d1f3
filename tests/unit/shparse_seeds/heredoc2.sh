f() { cat <<E; }
$1
E
while :; do cat <<\X
body
X
done
cat <<