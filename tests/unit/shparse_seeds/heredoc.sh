cat <<EOF | tr a b
hello $A $(echo x)
EOF
cat <<-"E" 3<<F
	quoted $x
	E
f
F
