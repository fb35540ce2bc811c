-- dofile() and loadfile() without a name read standard input (here: empty)
print(select("#", dofile()))
local f = loadfile()
print(type(f), select("#", f()))
