-- uncaught error at level 0: no position prefix
io.write("partial output without newline")
error("plain message", 0)
