This is text, not a program.
