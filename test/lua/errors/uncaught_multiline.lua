-- multi-line error messages are printed as they are
error("line one\nline two\n\tindented", 0)
